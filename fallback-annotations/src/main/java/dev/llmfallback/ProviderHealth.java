package dev.llmfallback;

import dev.llmfallback.internal.health.HealthRegistry;
import dev.llmfallback.internal.health.ProviderCell;
import dev.llmfallback.internal.health.shared.FleetHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The health of every provider, by provider label, process-wide (SPEC §9): what {@link HealthPolicy} links
 * report and read. Two chains that name the same provider share its health. For operators: {@link #state},
 * {@link #forceOpen}, {@link #reset}, and {@link #onTransition} to observe changes; in tests,
 * {@link #resetAll()} between cases. Thread-safe.
 */
public final class ProviderHealth {

    private static final ProviderHealth SHARED = new ProviderHealth(HealthRegistry.SHARED);

    private final HealthRegistry registry;

    ProviderHealth(HealthRegistry registry) {
        this.registry = registry;
    }

    /**
     * The process-wide registry that every chain uses.
     *
     * @return the shared registry
     */
    public static ProviderHealth shared() {
        return SHARED;
    }

    HealthRegistry registry() {
        return registry;
    }

    /**
     * A provider's state now.
     *
     * @param provider the provider label
     * @return its state; {@link Status#HEALTHY} for a provider never seen
     */
    public State state(String provider) {
        return registry.state(Objects.requireNonNull(provider, "provider"));
    }

    /**
     * Skips a provider for {@code duration}, whatever calls report (e.g. during a provider's announced
     * maintenance). A chain whose every link is forced open or hard-cooling fails with
     * {@link AllProvidersUnhealthyException}.
     *
     * @param provider the provider label
     * @param duration positive
     */
    public void forceOpen(String provider, Duration duration) {
        Objects.requireNonNull(provider, "provider");
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("ProviderHealth.forceOpen duration must be positive, was " + duration);
        }
        long now = registry.nanoTime();
        registry.cell(provider).forceOpen(now + duration.toNanos(), now);
    }

    /**
     * Makes a provider healthy again, its streak forgotten (also ends a {@link #forceOpen}).
     *
     * @param provider the provider label
     */
    public void reset(String provider) {
        registry.cell(Objects.requireNonNull(provider, "provider")).reset(registry.nanoTime());
    }

    /** Makes every provider healthy again: for tests, between cases. */
    public void resetAll() {
        long now = registry.nanoTime();
        for (ProviderCell cell : registry.cells()) {
            cell.reset(now);
        }
    }

    /**
     * Observes every change of a provider's status (or of its cooldown's end).
     *
     * @param listener called on the thread that made the change; must be quick; its exceptions are ignored
     * @return closing it removes the listener
     */
    public AutoCloseable onTransition(Consumer<Transition> listener) {
        return registry.listen(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Shares this registry's provider health with the other instances of a fleet through {@code store}, with
     * the {@linkplain ProviderHealthStore.Sharing#defaults() default} options (SPEC §10; README, "Sharing health
     * across instances").
     *
     * @param store the store; its owner closes it
     * @return closing it stops sharing
     * @throws IllegalStateException if this registry already shares with a store
     */
    public StoreLink share(ProviderHealthStore store) {
        return share(store, ProviderHealthStore.Sharing.defaults());
    }

    /**
     * Shares this registry's provider health through {@code store} (SPEC §10): cooldowns this instance starts
     * are published from a daemon thread; every {@link ProviderHealthStore.Sharing#refresh() refresh} the same
     * thread reads the fleet's facts and cools the providers they name. A call never waits on the store; when
     * the store is unreachable, the instance goes on with its own health and logs a warning at most once a
     * minute.
     *
     * @param store   the store; its owner closes it
     * @param sharing the options
     * @return closing it stops sharing
     * @throws IllegalStateException if this registry already shares with a store
     */
    public StoreLink share(ProviderHealthStore store, ProviderHealthStore.Sharing sharing) {
        FleetHealth link = FleetHealth.start(registry, Objects.requireNonNull(store, "store"),
                Objects.requireNonNull(sharing, "sharing"));
        return new StoreLink(link);
    }

    /**
     * A registry's sharing with a store, from {@link #share}. Thread-safe.
     */
    public static final class StoreLink implements AutoCloseable {
        private final FleetHealth link;

        StoreLink(FleetHealth link) {
            this.link = link;
        }

        /**
         * This instance's id in the facts it shares.
         *
         * @return the id
         */
        public String instance() {
            return link.sharing().instance();
        }

        /**
         * Whether the store failed on its last use and has not answered since (this instance then runs on its
         * own health alone).
         *
         * @return {@code true} while the store is unreachable
         */
        public boolean storeDown() {
            return link.storeDown();
        }

        /**
         * How many times the fleet's facts were read from the store: grows every
         * {@link ProviderHealthStore.Sharing#refresh() refresh} while the store answers (for monitoring that
         * sharing is alive).
         *
         * @return the count
         */
        public long reads() {
            return link.reads();
        }

        /** Stops sharing; the registry keeps its state. Does not close the store. Idempotent. */
        @Override
        public void close() {
            link.close();
        }
    }

    /** Where a provider stands. */
    public enum Status {
        /** Called as usual. */
        HEALTHY,
        /** Skipped until its cooldown ends. */
        COOLING,
        /** One call is trying it; the others skip it meanwhile. */
        PROBING,
        /** Skipped by an operator's {@link #forceOpen}. */
        FORCED_OPEN
    }

    /**
     * A provider's state. Immutable.
     *
     * @param provider the provider label
     * @param status   its status
     * @param until    when a cooldown, a probe's lease or a forced opening ends; empty when healthy
     * @param reason   why, log-safe (e.g. {@code 529 overloaded}); empty when healthy
     */
    public record State(String provider, Status status, Optional<Instant> until, String reason) {
    }

    /**
     * A change of a provider's state. Immutable.
     *
     * @param provider the provider label
     * @param from     the status before
     * @param to       the status after
     * @param until    as {@link State#until()}, after the change
     * @param reason   as {@link State#reason()}, after the change
     */
    public record Transition(String provider, Status from, Status to, Optional<Instant> until, String reason) {
    }
}
