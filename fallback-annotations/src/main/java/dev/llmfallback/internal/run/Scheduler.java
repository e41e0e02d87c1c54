package dev.llmfallback.internal.run;

import java.util.concurrent.Callable;
import java.util.concurrent.Future;

/**
 * Time and threads, as the engine sees them: the one seam through which it reads the clock, starts timed
 * attempts, arms timers and continues async runs. Production chains use {@link Workers#SYSTEM}; tests of
 * time-dependent rules use a fake whose clock they move by hand, so that no test of a timeout, a deadline or
 * (later) a cooldown sleeps. Implementations are thread-safe.
 */
public interface Scheduler {

    /**
     * The current time on a monotonic clock.
     *
     * @return nanoseconds, comparable only with other readings of this scheduler
     */
    long nanoTime();

    /**
     * Captures the calling thread's context (see {@link dev.llmfallback.ThreadContextPropagator}), for
     * {@link #submit}.
     *
     * @return the captured values; an empty array when nothing is propagated
     */
    Object[] captureContext();

    /**
     * Runs a timed attempt on a thread the caller can walk away from, with a context captured earlier.
     * Cancelling the returned future with {@code cancel(true)} interrupts that thread, and only while it runs
     * this task.
     *
     * @param task     the attempt; never throws (it settles its own failures)
     * @param captured what {@link #captureContext()} returned
     * @param <T>      its result type
     * @return the future of the attempt
     */
    <T> Future<T> submit(Callable<T> task, Object[] captured);

    /**
     * Runs {@code action} once {@code nanos} have passed on this scheduler's clock.
     *
     * @param action quick; runs on a timer thread
     * @param nanos  the delay
     * @return cancels the action if it has not run
     */
    Cancellable schedule(Runnable action, long nanos);

    /**
     * Runs a quick continuation of an async run (its next attempt) off the timer thread.
     *
     * @param continuation what to run; must not block
     */
    void proceed(Runnable continuation);

    /** A pending timer. */
    @FunctionalInterface
    interface Cancellable {

        /** Cancels the timer; harmless if it already ran. */
        void cancel();
    }
}
