package dev.llmfallback.internal.run;

import dev.llmfallback.FallbackListener;
import dev.llmfallback.internal.health.ProviderCell;
import dev.llmfallback.internal.observe.Listeners;
import dev.llmfallback.internal.observe.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the {@link Engine} runs: the links in order, the chain's deadline, whether the front door answers with
 * a future, and the {@link Scheduler} that gives it time and threads. Immutable and thread-safe; one instance
 * serves every call of its chain.
 */
public final class Chain {

    /**
     * Loaded with the first chain, whether anyone listens or not: C2 does not inline a method whose signature
     * names a class that is not loaded yet, and the hot path's {@code observation()} reads name these, as
     * does {@link FallbackListener#attemptStarted}, whose scope types nothing loads while no listener returns one.
     */
    @SuppressWarnings("unused")
    private static final Class<?>[] OBSERVATION_TYPES = {Observation.class, Observation.Scopes.class,
            FallbackListener.AttemptScope.class, FallbackListener.Activation.class};

    private final Link[] links;
    private final long deadlineNanos;
    private final boolean returnsFuture;
    private final boolean headMayRunInline;
    /** The head's health, read on every inline start: {@code null} when it has none. */
    private final ProviderCell headCell;
    /**
     * Whether any link has health. Read before a link's: on a chain without health the hot path then never
     * calls {@link Link#health()}, whose return type may not even be loaded (C2 does not inline a call whose
     * signature names an unloaded class).
     */
    private final boolean hasHealth;
    private final Scheduler scheduler;
    /** The chain's own listeners (a programmatic chain's builder), {@link Listeners#NONE} for none. */
    private final FallbackListener<?>[] listeners;
    private final FallbackListener.ChainInfo info;

    /**
     * Creates a chain named after its head's method label, without listeners of its own.
     *
     * @param links         the links, in order; at least one
     * @param deadlineNanos the whole chain's budget in nanoseconds, 0 for none
     * @param returnsFuture whether {@link Engine#run} must answer with a future (an async annotated head)
     * @param scheduler     time and threads; {@link Workers#SYSTEM} outside tests
     * @throws IllegalArgumentException if there is no link or the deadline is negative
     */
    public Chain(List<Link> links, long deadlineNanos, boolean returnsFuture, Scheduler scheduler) {
        this(links, deadlineNanos, returnsFuture, scheduler, null, List.of());
    }

    /**
     * Creates a chain.
     *
     * @param links         the links, in order; at least one
     * @param deadlineNanos the whole chain's budget in nanoseconds, 0 for none
     * @param returnsFuture whether {@link Engine#run} must answer with a future (an async annotated head)
     * @param scheduler     time and threads; {@link Workers#SYSTEM} outside tests
     * @param name          the chain's name for listeners, or {@code null} for the head's method label
     * @param listeners     the chain's own listeners
     * @throws IllegalArgumentException if there is no link or the deadline is negative
     */
    public Chain(List<Link> links, long deadlineNanos, boolean returnsFuture, Scheduler scheduler, String name,
            List<FallbackListener<?>> listeners) {
        this.links = links.toArray(Link[]::new);
        if (this.links.length == 0) {
            throw new IllegalArgumentException("a chain needs at least one link");
        }
        for (Link link : this.links) {
            Objects.requireNonNull(link, "link");
        }
        if (deadlineNanos < 0) {
            throw new IllegalArgumentException("negative deadline: " + deadlineNanos);
        }
        this.deadlineNanos = deadlineNanos;
        this.returnsFuture = returnsFuture;
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        Link head = this.links[0];
        this.headMayRunInline = !returnsFuture && deadlineNanos == 0 && head.timeoutNanos() == 0 && !head.async();
        this.headCell = head.health() == null ? null : head.health().cell();
        boolean any = false;
        for (Link link : this.links) {
            any |= link.health() != null;
        }
        this.hasHealth = any;
        this.listeners = listeners.isEmpty() ? Listeners.NONE : listeners.toArray(Listeners.NONE);
        this.info = new FallbackListener.ChainInfo(name != null ? name : head.method(), providers());
    }

    /**
     * Starts observing a run of this chain, when anyone listens (its own listeners, or process-wide ones).
     *
     * @param spare an ended observation to reuse, or {@code null}
     * @param sync  whether the run is confined to the calling thread
     * @return the run's observation, {@code null} when no one listens: one field read and one volatile read
     */
    Observation observe(Observation spare, boolean sync) {
        if (listeners.length == 0 && !Listeners.anyGlobal()) {
            return null;
        }
        return Observation.start(listeners, info, spare, sync);
    }

    /**
     * The chain as listeners see it.
     *
     * @return its name and providers
     */
    public FallbackListener.ChainInfo info() {
        return info;
    }

    /**
     * The number of links.
     *
     * @return at least 1
     */
    public int size() {
        return links.length;
    }

    /**
     * Link {@code i}.
     *
     * @param i the link's index
     * @return the link
     */
    public Link link(int i) {
        return links[i];
    }

    /**
     * The chain's budget.
     *
     * @return nanoseconds, 0 for none
     */
    public long deadlineNanos() {
        return deadlineNanos;
    }

    /**
     * Whether {@link Engine#run} answers with a future: the head of an annotated async chain.
     *
     * @return {@code true} for an async head
     */
    public boolean returnsFuture() {
        return returnsFuture;
    }

    /**
     * Whether a weaving front door may run the head's body itself, on the calling thread, between
     * {@link Engine#startInline} and {@link Engine#headAnswered} or {@link Engine#headFailed}: the head is
     * synchronous and nothing bounds its time (no timeout of its own, no deadline), so the engine would only
     * have invoked it where it stands. Fixed for the chain's life; on each call the front door also asks
     * {@link #headHealthy()}.
     *
     * @return {@code true} if the head may run inline
     */
    public boolean headMayRunInline() {
        return headMayRunInline;
    }

    /**
     * Whether the head's provider, if it has health, is healthy now: an inline head runs only then (otherwise
     * the engine decides whether it may run at all). No read at all for a head without health, one volatile
     * read for one with.
     *
     * @return {@code true} if the head has no health or its provider is healthy
     */
    public boolean headHealthy() {
        ProviderCell cell = headCell;
        return cell == null || cell.healthy();
    }

    /**
     * Whether any link has provider health ({@link Link#health()} not {@code null}).
     *
     * @return {@code false} for a chain whose links never cool
     */
    public boolean hasHealth() {
        return hasHealth;
    }

    /**
     * Time and threads for this chain's runs.
     *
     * @return the scheduler
     */
    public Scheduler scheduler() {
        return scheduler;
    }

    /**
     * The provider labels, in order.
     *
     * @return an unmodifiable list
     */
    public List<String> providers() {
        List<String> names = new ArrayList<>(links.length);
        for (Link link : links) {
            names.add(link.provider());
        }
        return List.copyOf(names);
    }
}
