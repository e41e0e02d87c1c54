package dev.llmfallback.internal.run;

import dev.llmfallback.ThreadContextPropagator;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where attempts run when the caller must be able to walk away from them (a timeout, a deadline, a sync
 * provider in an async chain), and the timer that expires async attempts.
 *
 * <p>On JDK 21 and later every such attempt gets a new virtual thread: no pool to size, no carrier pinned
 * by our waiting (the engine waits with {@code Future.get}, never inside {@code synchronized}). On JDK 17 a
 * bounded pool of daemon platform threads (system property {@code llmfallback.workers}, default 256) whose
 * idle threads end after 2 s; when every worker is stuck in a hung provider, further attempts queue and
 * time out without running — the chain still moves on on time. The bound keeps providers that never return
 * from taking a thread per request forever; it must exceed requests per second times the longest timeout,
 * since during a hang that many attempts wait at once (64, the old default, failed a third of the requests of
 * a sustained hang at 10 requests/s and a 10 s timeout: the next provider's attempts queued behind them). Threads are created on first use;
 * thread-safe.
 */
public final class Workers implements Scheduler {

    /** The scheduler of every chain outside tests: the system clock and the threads described above. */
    public static final Workers SYSTEM = new Workers();

    private static final int POOL_SIZE = Math.max(1, Integer.getInteger("llmfallback.workers", 256));

    private Workers() {
    }

    /** Lazy holders: nothing starts until the first timed attempt. */
    private static final class Executor {
        static final ExecutorService INSTANCE = create();

        private static ExecutorService create() {
            try {
                MethodHandle perTask = MethodHandles.publicLookup().findStatic(java.util.concurrent.Executors.class,
                        "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class));
                return (ExecutorService) perTask.invokeExact();
            } catch (Throwable beforeJdk21) {
                ThreadPoolExecutor pool = new ThreadPoolExecutor(POOL_SIZE, POOL_SIZE, 2, TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(), daemonThreads("llm-fallback-attempt-"));
                pool.allowCoreThreadTimeOut(true);
                return pool;
            }
        }
    }

    /** Where an async run continues after a timeout: never the timer thread, never a thread per task. */
    private static final class Continuations {
        static final java.util.concurrent.Executor INSTANCE = create();

        private static java.util.concurrent.Executor create() {
            // Platform threads on every JDK: virtual threads here would queue behind stuck attempts' own
            // virtual threads on the same few carriers, and a timeout must move on whatever they do.
            ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 2, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    daemonThreads("llm-fallback-continue-"));
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }
    }

    private static final class Timer {
        static final ScheduledThreadPoolExecutor INSTANCE = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemonThreads("llm-fallback-timer-"));
            timer.setRemoveOnCancelPolicy(true);
            timer.setKeepAliveTime(2, TimeUnit.SECONDS);
            timer.allowCoreThreadTimeOut(true);
            return timer;
        }
    }

    private static final class Propagators {
        static final List<ThreadContextPropagator> ALL = load();

        private static List<ThreadContextPropagator> load() {
            List<ThreadContextPropagator> found = new ArrayList<>();
            try {
                ServiceLoader.load(ThreadContextPropagator.class, ThreadContextPropagator.class.getClassLoader())
                        .forEach(found::add);
            } catch (RuntimeException | java.util.ServiceConfigurationError broken) {
                System.err.println("llm-fallback: ThreadContextPropagator services not loaded: " + broken);
            }
            return List.copyOf(found);
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Captures the calling thread's context with every registered {@link ThreadContextPropagator}.
     *
     * @return the captured values, one per propagator (empty when none is registered)
     */
    @Override
    public Object[] captureContext() {
        List<ThreadContextPropagator> propagators = Propagators.ALL;
        Object[] captured = new Object[propagators.size()];
        for (int i = 0; i < captured.length; i++) {
            int index = i;
            captured[i] = safely(() -> propagators.get(index).capture(), propagators.get(i));
        }
        return captured;
    }

    /**
     * Runs {@code task} on a worker with a context captured earlier by {@link #captureContext()}, e.g. on
     * the thread that started an async chain.
     *
     * @param task     the attempt
     * @param captured what {@link #captureContext()} returned
     * @param <T>      its result type
     * @return the future of the attempt
     */
    @Override
    public <T> Future<T> submit(Callable<T> task, Object[] captured) {
        if (captured.length == 0) {
            return Executor.INSTANCE.submit(task);
        }
        List<ThreadContextPropagator> propagators = Propagators.ALL;
        return Executor.INSTANCE.submit(() -> {
            Object[] previous = new Object[captured.length];
            for (int i = 0; i < captured.length; i++) {
                int index = i;
                previous[i] = safely(() -> propagators.get(index).apply(captured[index]), propagators.get(i));
            }
            try {
                return task.call();
            } finally {
                for (int i = captured.length - 1; i >= 0; i--) {
                    int index = i;
                    safely(() -> {
                        propagators.get(index).restore(previous[index]);
                        return null;
                    }, propagators.get(i));
                }
            }
        });
    }

    /**
     * Runs a quick continuation of an async run (starting its next attempt) off the timer thread, on one of
     * two daemon platform threads kept for this alone (idle ones end after 2 s), so that attempts stuck in
     * providers, on pooled or virtual threads, cannot hold it up.
     *
     * @param continuation what to run; must not block
     */
    @Override
    public void proceed(Runnable continuation) {
        Continuations.INSTANCE.execute(continuation);
    }

    @Override
    public Cancellable schedule(Runnable action, long nanos) {
        ScheduledFuture<?> pending = Timer.INSTANCE.schedule(action, nanos, TimeUnit.NANOSECONDS);
        return () -> pending.cancel(false);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    private static Object safely(Callable<Object> step, ThreadContextPropagator propagator) {
        try {
            return step.call();
        } catch (Exception broken) {
            System.err.println("llm-fallback: " + propagator.getClass().getName() + " threw " + broken.getClass().getName()
                    + "; its context is skipped for this attempt");
            return null;
        }
    }
}
