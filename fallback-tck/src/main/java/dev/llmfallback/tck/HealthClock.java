package dev.llmfallback.tck;

import dev.llmfallback.ProviderHealth;
import dev.llmfallback.internal.health.HealthRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake clock for the process-wide provider health ({@link ProviderHealth#shared()}), which every chain of
 * every front door uses: cooldowns, leases and Retry-After pass when a test says so, never by waiting. The
 * monotonic and wall readings move together. Thread-safe.
 */
public final class HealthClock implements AutoCloseable {

    private static final Instant START = Instant.parse("2026-11-29T12:00:00Z");

    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
    private final long startNanos = nanos.get();

    private HealthClock() {
    }

    /**
     * Puts the shared registry on a new fake clock, every provider healthy.
     *
     * @return the clock; {@link #close()} puts the registry back on the system clocks, every provider healthy
     */
    public static HealthClock install() {
        HealthClock clock = new HealthClock();
        // The clock first: a state reset on the old clock would carry a reading of it.
        HealthRegistry.SHARED.useClocks(clock.nanos::get, clock.new Wall());
        ProviderHealth.shared().resetAll();
        return clock;
    }

    /**
     * Moves time on.
     *
     * @param duration how far, not negative
     */
    public void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    /** @return the fake wall clock's reading now */
    public Instant now() {
        return START.plusNanos(nanos.get() - startNanos);
    }

    @Override
    public void close() {
        HealthRegistry.SHARED.useSystemClocks();
        ProviderHealth.shared().resetAll();
    }

    private final class Wall extends Clock {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException("a fake clock in UTC only");
        }

        @Override
        public Instant instant() {
            return now();
        }
    }
}
