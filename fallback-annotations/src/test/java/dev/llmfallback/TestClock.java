package dev.llmfallback;

import dev.llmfallback.internal.run.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when a test moves it, for sync chains: timed attempts run at once on the calling
 * thread, and a provider that "hangs" moves the clock past its budget. Also makes a provider health registry
 * on the same clock. Shared through this module's test jar (the observability modules' tests). Thread-safe.
 */
public final class TestClock implements Scheduler {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    /**
     * Moves the clock.
     *
     * @param by how far
     */
    public void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    /**
     * A provider health registry on this clock, as {@code ProviderHealthTest} makes one.
     *
     * @return a fresh registry
     */
    public ProviderHealth health() {
        return new ProviderHealth(new dev.llmfallback.internal.health.HealthRegistry(this::nanoTime,
                Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC)));
    }

    /**
     * Puts a builder on this clock and {@code health}.
     *
     * @param builder the builder
     * @param health  from {@link #health()}
     * @param <I>     input
     * @param <O>     answer
     * @return the builder
     */
    public <I, O> FallbackChain.Builder<I, O> on(FallbackChain.Builder<I, O> builder, ProviderHealth health) {
        return builder.scheduler(this).healthRegistry(health);
    }

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public Object[] captureContext() {
        return new Object[0];
    }

    @Override
    public <T> Future<T> submit(Callable<T> task, Object[] captured) {
        FutureTask<T> future = new FutureTask<>(task);
        future.run();
        return future;
    }

    @Override
    public Cancellable schedule(Runnable action, long nanos) {
        return () -> { };
    }

    @Override
    public void proceed(Runnable continuation) {
        continuation.run();
    }
}
