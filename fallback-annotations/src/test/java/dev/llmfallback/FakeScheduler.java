package dev.llmfallback;

import dev.llmfallback.internal.run.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;

/**
 * A scheduler whose clock moves only when a test moves it: timed attempts run at once on the calling thread,
 * timers fire when {@link #advance} passes their due time, continuations run inline. Not thread-safe beyond
 * what the tests using it need (one thread drives it).
 */
final class FakeScheduler implements Scheduler {

    private long now = 1_000_000_000L;
    private final List<Timer> timers = new ArrayList<>();
    private long sequence;

    private static final class Timer {
        final long due;
        final long order;
        final Runnable action;

        Timer(long due, long order, Runnable action) {
            this.due = due;
            this.order = order;
            this.action = action;
        }
    }

    /** Moves the clock and runs every timer that falls due, in due order. */
    synchronized void advance(Duration by) {
        long until = now + by.toNanos();
        while (true) {
            Timer next = timers.stream().filter(t -> t.due <= until)
                    .min(Comparator.<Timer>comparingLong(t -> t.due).thenComparingLong(t -> t.order)).orElse(null);
            if (next == null) {
                break;
            }
            timers.remove(next);
            now = Math.max(now, next.due);
            next.action.run();
        }
        now = until;
    }

    /** Moves the clock without running any timer: a timer thread that is late. */
    synchronized void skip(Duration by) {
        now += by.toNanos();
    }

    synchronized int pendingTimers() {
        return timers.size();
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public Object[] captureContext() {
        return new Object[0];
    }

    /** When set, no worker can be had: {@link #submit} throws as a saturated or dying pool does. */
    volatile boolean rejectSubmissions;

    @Override
    public <T> Future<T> submit(Callable<T> task, Object[] captured) {
        if (rejectSubmissions) {
            throw new RejectedExecutionException("no worker");
        }
        FutureTask<T> future = new FutureTask<>(task);
        future.run();
        return future;
    }

    @Override
    public synchronized Cancellable schedule(Runnable action, long nanos) {
        Timer timer = new Timer(now + nanos, sequence++, action);
        timers.add(timer);
        return () -> {
            synchronized (this) {
                timers.remove(timer);
            }
        };
    }

    @Override
    public void proceed(Runnable continuation) {
        continuation.run();
    }
}
