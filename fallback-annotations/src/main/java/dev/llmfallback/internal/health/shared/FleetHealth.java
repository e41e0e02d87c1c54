package dev.llmfallback.internal.health.shared;

import dev.llmfallback.Failures;
import dev.llmfallback.HealthPolicy.Cooldown;
import dev.llmfallback.ProviderHealthStore;
import dev.llmfallback.ProviderHealthStore.Fact;
import dev.llmfallback.ProviderHealthStore.Scope;
import dev.llmfallback.ProviderHealthStore.Sharing;
import dev.llmfallback.internal.health.CoolingObserver;
import dev.llmfallback.internal.health.HealthRegistry;
import dev.llmfallback.internal.health.ProviderCell;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One registry's link to a {@link ProviderHealthStore} (SPEC §10).
 *
 * <p>Out: every cooldown a failure starts or lengthens becomes a {@link Fact} ({@link FactScopes} decides its
 * scope) that waits in a map (the latest per provider and scope, so an outage of the store cannot grow it) and is
 * published from the sharing's own thread. In: every {@link Sharing#refresh()}, the same thread reads the live
 * facts of every provider this registry knows and applies the {@link FleetVerdict} to its cell with
 * {@link ProviderCell#adopt}, later than the fleet's deadline by this instance's follower offset (see
 * {@link Sharing#followerDelay()}). The cells are the local cache: a call reads only its cell, as without
 * sharing, so it never waits on the store, and a healthy provider is admitted on one volatile read.
 *
 * <p>Probing, counters and operators' decisions stay local. A store that fails is logged by
 * {@link StoreOutageLog} and otherwise ignored: the instance goes on with its local health and retries on the
 * next refresh. Thread-safe.
 */
public final class FleetHealth implements CoolingObserver, AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger("dev.llmfallback.health");

    private final HealthRegistry registry;
    private final ProviderHealthStore store;
    private final Sharing sharing;
    private final Executor worker;
    private final ScheduledExecutorService own;
    private final long followerOffsetNanos;
    private final StoreOutageLog outage;
    private final ConcurrentHashMap<String, Fact> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicLong reads = new AtomicLong();
    private volatile boolean closed;

    /**
     * A link that runs on {@code worker}; {@link #start} schedules the refreshes, tests call {@link #refresh()}.
     *
     * @param registry            the registry to share
     * @param store               the store
     * @param sharing             the options
     * @param worker              the thread that talks to the store
     * @param followerOffsetNanos how much later than the fleet's deadline this instance ends a cooldown it
     *                            only heard of
     * @param logger              where store outages are reported
     */
    public FleetHealth(HealthRegistry registry, ProviderHealthStore store, Sharing sharing, Executor worker,
                       long followerOffsetNanos, System.Logger logger) {
        this(registry, store, sharing, worker, null, followerOffsetNanos, logger);
    }

    private FleetHealth(HealthRegistry registry, ProviderHealthStore store, Sharing sharing, Executor worker,
                        ScheduledExecutorService own, long followerOffsetNanos, System.Logger logger) {
        this.registry = registry;
        this.store = store;
        this.sharing = sharing;
        this.worker = worker;
        this.own = own;
        this.followerOffsetNanos = followerOffsetNanos;
        this.outage = new StoreOutageLog(logger, registry::nanoTime, sharing.instance());
    }

    /**
     * Links a registry to a store on a daemon thread of its own, refreshing every {@link Sharing#refresh()}.
     *
     * @param registry the registry
     * @param store    the store
     * @param sharing  the options
     * @return the link, installed
     * @throws IllegalStateException if the registry already shares with a store
     */
    public static FleetHealth start(HealthRegistry registry, ProviderHealthStore store, Sharing sharing) {
        ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread daemon = new Thread(runnable, "llm-fallback-health-sharing");
            daemon.setDaemon(true);
            return daemon;
        });
        thread.setRemoveOnCancelPolicy(true);
        long refresh = sharing.refresh().toNanos();
        // After the fleet's deadline, the instance that set it probes; the others wait for its verdict to be
        // published and read (two refreshes), for as long as that probe may take (the follower delay), and a
        // random part of a refresh so that they do not all come back in the same instant.
        long offset = 2 * refresh + sharing.followerDelay().toNanos() + ThreadLocalRandom.current().nextLong(refresh);
        FleetHealth link = new FleetHealth(registry, store, sharing, thread, thread, offset, LOGGER);
        link.install();
        thread.scheduleWithFixedDelay(link::refresh, 0, refresh, TimeUnit.NANOSECONDS);
        return link;
    }

    /**
     * Starts observing the registry's cooldowns.
     *
     * @throws IllegalStateException if the registry already shares with a store
     */
    public void install() {
        if (!registry.observeCooling(this)) {
            if (own != null) {
                own.shutdownNow();
            }
            throw new IllegalStateException("ProviderHealth.share: this registry already shares its health with a "
                    + "store; close the AutoCloseable the first share(...) returned before sharing with another");
        }
    }

    /**
     * The options.
     *
     * @return the options
     */
    public Sharing sharing() {
        return sharing;
    }

    @Override
    public void cooled(ProviderCell cell, Throwable failure, Cooldown cooldown, long until) {
        if (closed) {
            return;
        }
        int status = Failures.statusCode(failure).orElse(-1);
        Scope scope = FactScopes.of(status, Failures.isQuotaOrBilling(failure));
        Fact fact = new Fact(cell.provider(), registry.instantAt(until), cooldown.reason(), status, cooldown.hard(),
                scope, sharing.instance());
        pending.merge(cell.provider() + '\n' + scope, fact, FleetHealth::later);
        if (draining.compareAndSet(false, true)) {
            worker.execute(this::drain);
        }
    }

    private static Fact later(Fact a, Fact b) {
        return b.coolingUntil().isAfter(a.coolingUntil()) ? b : a;
    }

    /** Publishes what waits; on the worker. On a failure, what is left waits for the next refresh. */
    private void drain() {
        boolean published = false;
        try {
            published = publishPending();
        } finally {
            draining.set(false);
        }
        // A cooldown that came while the map was being walked may have been passed over: go again, unless the
        // store is failing (then the next refresh tries, not a loop).
        if (published && !pending.isEmpty() && !closed && draining.compareAndSet(false, true)) {
            worker.execute(this::drain);
        }
    }

    private boolean publishPending() {
        Instant now = registry.instantAt(registry.nanoTime());
        for (Iterator<Map.Entry<String, Fact>> it = pending.entrySet().iterator(); it.hasNext() && !closed; ) {
            Map.Entry<String, Fact> entry = it.next();
            Fact fact = entry.getValue();
            if (fact.coolingUntil().isAfter(now)) {
                try {
                    store.publish(fact);
                } catch (Exception failure) {
                    if (!closed) {
                        outage.failed("publish", failure);
                    }
                    return false;
                }
                outage.succeeded();
            }
            pending.remove(entry.getKey(), fact);
        }
        return true;
    }

    /**
     * Publishes what waits, then reads the fleet's facts and applies them to the cells. Runs on the worker;
     * never throws.
     */
    public void refresh() {
        if (closed) {
            return;
        }
        try {
            if (!pending.isEmpty() && draining.compareAndSet(false, true)) {
                drain();
            }
            List<String> providers = new ArrayList<>();
            for (ProviderCell cell : registry.cells()) {
                providers.add(cell.provider());
            }
            if (providers.isEmpty()) {
                return;
            }
            Map<String, List<Fact>> facts;
            try {
                facts = store.read(providers);
            } catch (Exception failure) {
                if (!closed) {
                    outage.failed("read", failure);
                }
                return;
            }
            outage.succeeded();
            long now = registry.nanoTime();
            Instant wallNow = registry.instantAt(now);
            for (String provider : providers) {
                FleetVerdict verdict = FleetVerdict.of(facts.get(provider), sharing.quorum(), sharing.instance(),
                        wallNow);
                if (verdict != null) {
                    long until = registry.nanosAt(verdict.until(), now) + followerOffsetNanos;
                    registry.cell(provider).adopt(until, verdict.reason(), verdict.hard(), now);
                }
            }
            reads.incrementAndGet();
        } catch (RuntimeException bug) {
            // A store that breaks its contract (or a bug here) must not end the refreshes, nor reach a call.
            outage.failed("answer as its contract says", bug);
        }
    }

    /**
     * Whether the store failed last time and has not answered since.
     *
     * @return {@code true} while the store is unreachable
     */
    public boolean storeDown() {
        return outage.down();
    }

    /**
     * How many reads of the store succeeded and were applied to the cells.
     *
     * @return a count that grows every refresh while the store answers
     */
    public long reads() {
        return reads.get();
    }

    /** Stops sharing: the registry keeps its state and goes on alone; the store stays open (its owner closes it). */
    @Override
    public void close() {
        closed = true;
        registry.unobserveCooling(this);
        if (own != null) {
            own.shutdownNow();
        }
    }
}
