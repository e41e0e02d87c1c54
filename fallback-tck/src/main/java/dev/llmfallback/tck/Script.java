package dev.llmfallback.tck;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Scripted fake providers: provider {@code i} behaves as {@code behaviours[i]} and every call is logged.
 * Thread-safe: behaviours are functions of the prompt, and the log is concurrent.
 */
public final class Script {

    /** One logged call. */
    public record Call(int provider, String prompt, Throwable previous, Thread thread) {
    }

    /** What one provider does when called; may depend on the prompt. */
    @FunctionalInterface
    public interface Behaviour {
        String respond(String prompt) throws Exception;

        static Behaviour answer(String answer) {
            return prompt -> answer;
        }

        static Behaviour echo(String prefix) {
            return prompt -> prefix + prompt;
        }

        static Behaviour returnNull() {
            return prompt -> null;
        }

        static Behaviour fail(Throwable failure) {
            return prompt -> {
                throw Script.<Exception>sneaky(failure);
            };
        }

        /**
         * Behaves as {@code first} on the first call, as the next behaviour on the next, and as the last one
         * from then on: a provider whose outage begins or ends.
         */
        static Behaviour inTurn(Behaviour first, Behaviour... then) {
            Behaviour[] turns = new Behaviour[then.length + 1];
            turns[0] = first;
            System.arraycopy(then, 0, turns, 1, then.length);
            AtomicInteger calls = new AtomicInteger();
            return prompt -> turns[Math.min(calls.getAndIncrement(), turns.length - 1)].respond(prompt);
        }

        /**
         * Hangs like a blocking read that ignores interrupts, until {@code hang} is released; then answers
         * {@code late}. Records that it started and whether an interrupt reached it.
         */
        static Behaviour hangIgnoringInterrupts(Hang hang, String late) {
            return prompt -> {
                hang.entered.countDown();
                while (hang.release.getCount() > 0) {
                    if (Thread.interrupted()) {
                        hang.interrupted.countDown();
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
                return late;
            };
        }

        /** Hangs until interrupted (then throws InterruptedException) or released (then answers {@code late}). */
        static Behaviour hangInterruptibly(Hang hang, String late) {
            return prompt -> {
                hang.entered.countDown();
                try {
                    hang.release.await();
                    return late;
                } catch (InterruptedException interrupted) {
                    hang.interrupted.countDown();
                    throw interrupted;
                }
            };
        }
    }

    /** An async provider's own stage, for {@link #callAsync}. */
    @FunctionalInterface
    public interface AsyncBehaviour extends Behaviour {
        CompletionStage<String> stage(String prompt) throws Exception;

        @Override
        default String respond(String prompt) throws Exception {
            return stage(prompt).toCompletableFuture().get();
        }

        /** Returns {@code future} itself: the test completes or inspects it. */
        static AsyncBehaviour pending(CompletableFuture<String> future) {
            return prompt -> future;
        }

        /** Throws synchronously instead of returning a stage. */
        static AsyncBehaviour throwing(Throwable failure) {
            return prompt -> {
                throw Script.<Exception>sneaky(failure);
            };
        }
    }

    /** Controls hanging behaviours: when they started, whether they were interrupted, when they end. */
    public static final class Hang {
        public final CountDownLatch entered = new CountDownLatch(1);
        public final CountDownLatch interrupted = new CountDownLatch(1);
        public final CountDownLatch release = new CountDownLatch(1);

        public void release() {
            release.countDown();
        }

        public boolean wasInterrupted() {
            return interrupted.getCount() == 0;
        }
    }

    /** The threads of {@link #callOffThread}: an async client's own, never the caller's or the engine's. */
    private static final ExecutorService PROVIDER_THREADS = Executors.newCachedThreadPool(new ProviderThreadFactory());

    private static final class ProviderThreadFactory implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable work) {
            Thread thread = new Thread(work, "tck-async-provider-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    private final Behaviour[] behaviours;
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private final Map<Object, Object> shared = new ConcurrentHashMap<>();

    private Script(Behaviour[] behaviours) {
        this.behaviours = behaviours.clone();
    }

    public static Script of(Behaviour... behaviours) {
        return new Script(behaviours);
    }

    public String call(int provider, String prompt) throws Exception {
        return call(provider, prompt, null);
    }

    public String call(int provider, String prompt, Throwable previous) throws Exception {
        calls.add(new Call(provider, prompt, previous, Thread.currentThread()));
        if (provider >= behaviours.length) {
            throw new AssertionError("the script has no behaviour for provider " + provider);
        }
        return behaviours[provider].respond(prompt);
    }

    /**
     * The async form of {@link #call}: an {@link AsyncBehaviour} supplies its own stage (or throws); any other
     * behaviour is run now and its answer or failure wrapped in a completed future.
     */
    public CompletableFuture<String> callAsync(int provider, String prompt) throws Exception {
        Behaviour behaviour = behaviours[provider];
        if (behaviour instanceof AsyncBehaviour) {
            calls.add(new Call(provider, prompt, null, Thread.currentThread()));
            return ((AsyncBehaviour) behaviour).stage(prompt).toCompletableFuture();
        }
        try {
            return CompletableFuture.completedFuture(call(provider, prompt));
        } catch (Exception failure) {
            return CompletableFuture.failedFuture(failure);
        }
    }

    /**
     * Provider {@code provider} as an async client runs it (for async annotated links): the behaviour runs on
     * a thread of the provider's own, and its answer or failure completes the returned stage; cancelling the
     * stage interrupts that thread, as an HTTP client aborts the request of a cancelled future. Whatever the
     * behaviour does (hang, throw, answer late), the calling thread only starts it.
     */
    public CompletableFuture<String> callOffThread(int provider, String prompt) {
        CompletableFuture<String> stage = new CompletableFuture<>();
        Future<?> work = PROVIDER_THREADS.submit(() -> {
            try {
                stage.complete(call(provider, prompt));
            } catch (Throwable failure) {
                stage.completeExceptionally(failure);
            }
        });
        stage.whenComplete((answer, failure) -> {
            if (stage.isCancelled()) {
                work.cancel(true);
            }
        });
        return stage;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Integer> calledProviders() {
        return calls.stream().map(Call::provider).collect(Collectors.toList());
    }

    /** An object made once per script, e.g. the fixture or chain a front door reuses across calls. */
    @SuppressWarnings("unchecked")
    public <T> T shared(Object key, Supplier<T> make) {
        return (T) shared.computeIfAbsent(Objects.requireNonNull(key), k -> make.get());
    }

    @SuppressWarnings("unchecked")
    static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
