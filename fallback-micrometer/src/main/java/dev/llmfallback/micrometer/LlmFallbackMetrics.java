package dev.llmfallback.micrometer;

import dev.llmfallback.FallbackListener;
import dev.llmfallback.ProviderHealth;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Binds llm-fallback's meters (see the {@linkplain dev.llmfallback.micrometer package documentation}) for every
 * chain of the process, annotated and programmatic:
 * <pre>{@code
 * LlmFallbackMetrics metrics = new LlmFallbackMetrics();
 * metrics.bindTo(meterRegistry);   // e.g. in a Spring @Bean, or by hand at start-up
 * ...
 * metrics.close();                 // stops recording (the meters stay in the registry)
 * }</pre>
 * Each {@link #bindTo} registers one {@link MicrometerFallbackListener} process-wide
 * ({@link FallbackListener#register}) and subscribes it to its {@link ProviderHealth}'s transitions. Thread-safe.
 */
public final class LlmFallbackMetrics implements MeterBinder, AutoCloseable {

    private final ProviderHealth health;
    private final List<AutoCloseable> bound = new ArrayList<>();

    /** Metrics whose provider gauges and transitions come from {@link ProviderHealth#shared()}. */
    public LlmFallbackMetrics() {
        this(ProviderHealth.shared());
    }

    /**
     * Metrics whose provider gauges and transitions come from {@code health}.
     *
     * @param health the provider health to watch
     */
    public LlmFallbackMetrics(ProviderHealth health) {
        this.health = Objects.requireNonNull(health, "health");
    }

    /**
     * Starts recording every chain's calls into {@code registry}.
     *
     * @param registry the registry
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        MicrometerFallbackListener listener = new MicrometerFallbackListener(registry, health);
        // Transitions through the health itself, not FallbackListener.healthTransition: that one only tells of
        // the shared registry, and would count twice when this watches the shared one.
        AutoCloseable transitions = health.onTransition(listener::healthTransition);
        FallbackListener.Registration calls = FallbackListener.register(new TransitionsElsewhere(listener));
        synchronized (bound) {
            bound.add(transitions);
            bound.add(calls);
        }
    }

    /** Stops recording into every registry this was bound to. */
    @Override
    public void close() {
        List<AutoCloseable> closing;
        synchronized (bound) {
            closing = new ArrayList<>(bound);
            bound.clear();
        }
        for (AutoCloseable each : closing) {
            try {
                each.close();
            } catch (Exception cannotHappen) {
                // Both kinds close without throwing.
            }
        }
    }

    /** The listener for calls, its transitions counted through the watched health instead. */
    private static final class TransitionsElsewhere implements FallbackListener<MicrometerFallbackListener.ChainMeters> {
        private final MicrometerFallbackListener delegate;

        TransitionsElsewhere(MicrometerFallbackListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public MicrometerFallbackListener.ChainMeters chainStarted(ChainInfo chain) {
            return delegate.chainStarted(chain);
        }

        @Override
        public void attemptEnded(MicrometerFallbackListener.ChainMeters call, ChainInfo chain,
                dev.llmfallback.Attempt attempt) {
            delegate.attemptEnded(call, chain, attempt);
        }

        @Override
        public void chainEnded(MicrometerFallbackListener.ChainMeters call, ChainInfo chain,
                dev.llmfallback.Attempt last, long elapsedNanos, Throwable failure) {
            delegate.chainEnded(call, chain, last, elapsedNanos, failure);
        }
    }
}
