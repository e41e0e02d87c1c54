package dev.llmfallback.internal.health;

import dev.llmfallback.HealthPolicy;
import dev.llmfallback.ProviderHealth;
import dev.llmfallback.ProviderHealth.State;
import dev.llmfallback.ProviderHealth.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Every provider's {@link ProviderCell}, by provider label, on one clock; the implementation behind
 * {@link ProviderHealth}. {@link #SHARED} is the process-wide registry every chain uses; tests make their own on
 * a fake clock. Thread-safe.
 */
public final class HealthRegistry {

    /** The process-wide registry, on the system clocks. */
    public static final HealthRegistry SHARED = new HealthRegistry(System::nanoTime, Clock.systemUTC());

    // Volatile only so that tests of annotated chains, which always use SHARED, can put it on a fake clock
    // (useClocks); a call reads them only off the healthy path.
    private volatile LongSupplier nanos;
    private volatile Clock wall;
    private final ConcurrentHashMap<String, ProviderCell> cells = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<ProviderHealth.Transition>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<CoolingObserver> cooling = new AtomicReference<>();

    /**
     * Creates a registry.
     *
     * @param nanos a monotonic clock, in nanoseconds: what cooldowns are measured on
     * @param wall  the wall clock, for the instants {@link State#until()} reports
     */
    public HealthRegistry(LongSupplier nanos, Clock wall) {
        this.nanos = nanos;
        this.wall = wall;
    }

    /**
     * Puts this registry on other clocks, for tests of chains that use {@link #SHARED} (annotated chains,
     * through every front door) on a fake clock. Readings taken before the switch are compared with readings
     * after it, so switch between tests, with every provider reset ({@link ProviderHealth#resetAll()}).
     *
     * @param nanos a monotonic clock, in nanoseconds
     * @param wall  the wall clock
     */
    public void useClocks(LongSupplier nanos, Clock wall) {
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        this.wall = Objects.requireNonNull(wall, "wall");
    }

    /** Puts this registry back on the system clocks; see {@link #useClocks}. */
    public void useSystemClocks() {
        useClocks(System::nanoTime, Clock.systemUTC());
    }

    /**
     * The provider's cell, created healthy on first use.
     *
     * @param provider the provider label
     * @return its cell, the same for every chain that names it
     */
    public ProviderCell cell(String provider) {
        ProviderCell cell = cells.get(provider);
        return cell != null ? cell : cells.computeIfAbsent(provider, name -> new ProviderCell(name, this));
    }

    /**
     * The registry's monotonic clock.
     *
     * @return nanoseconds
     */
    public long nanoTime() {
        return nanos.getAsLong();
    }

    /**
     * The provider's state, as operators and traces see it.
     *
     * @param provider the provider label
     * @return its state; HEALTHY for a provider never seen
     */
    public State state(String provider) {
        ProviderCell.Snapshot snapshot = cell(provider).snapshot();
        return new State(provider, snapshot.status, untilOf(snapshot), snapshot.reason);
    }

    /**
     * Every provider's cell, for resetting them all.
     *
     * @return the cells known so far
     */
    public Iterable<ProviderCell> cells() {
        return cells.values();
    }

    /**
     * Registers a transition listener.
     *
     * @param listener called on the thread that made the change; its exceptions are ignored
     * @return removes the listener
     */
    public AutoCloseable listen(Consumer<ProviderHealth.Transition> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void transitioned(ProviderCell cell, ProviderCell.Snapshot from, ProviderCell.Snapshot to, long now) {
        if (listeners.isEmpty()) {
            return;
        }
        ProviderHealth.Transition transition = new ProviderHealth.Transition(cell.provider(), from.status, to.status,
                untilOf(to), to.reason);
        for (Consumer<ProviderHealth.Transition> listener : listeners) {
            try {
                listener.accept(transition);
            } catch (RuntimeException ignored) {
                // A listener's failure must never change a call's outcome.
            }
        }
    }

    /**
     * Installs the one observer of cooldowns (a shared store, SPEC §10).
     *
     * @param observer the observer
     * @return {@code false} if another one is installed already
     */
    public boolean observeCooling(CoolingObserver observer) {
        return cooling.compareAndSet(null, observer);
    }

    /**
     * Removes {@code observer} if it is the one installed.
     *
     * @param observer the observer
     */
    public void unobserveCooling(CoolingObserver observer) {
        cooling.compareAndSet(observer, null);
    }

    void cooled(ProviderCell cell, Throwable failure, HealthPolicy.Cooldown cooldown, long until) {
        CoolingObserver observer = cooling.get();
        if (observer != null) {
            try {
                observer.cooled(cell, failure, cooldown, until);
            } catch (RuntimeException ignored) {
                // Sharing must never change a call's outcome.
            }
        }
    }

    /**
     * The wall-clock instant of a reading of the monotonic clock.
     *
     * @param nanos a reading of {@link #nanoTime()}
     * @return that moment on the wall clock
     */
    public Instant instantAt(long nanos) {
        return wall.instant().plusNanos(nanos - nanoTime());
    }

    /**
     * The monotonic reading of a wall-clock instant, relative to {@code now}.
     *
     * @param instant a wall-clock instant
     * @param now     a reading of {@link #nanoTime()}
     * @return the reading at {@code instant}
     */
    public long nanosAt(Instant instant, long now) {
        return now + Duration.between(wall.instant(), instant).toNanos();
    }

    private Optional<Instant> untilOf(ProviderCell.Snapshot snapshot) {
        if (snapshot.status == Status.HEALTHY) {
            return Optional.empty();
        }
        long left = snapshot.until - nanoTime();
        return Optional.of(wall.instant().plusNanos(left));
    }
}
