package dev.llmfallback.internal.health;

import dev.llmfallback.HealthPolicy;
import dev.llmfallback.HealthPolicy.Cooldown;
import dev.llmfallback.HealthPolicy.Streak;
import dev.llmfallback.ProviderHealth.Status;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One provider's health (SPEC §9): HEALTHY, COOLING until an instant, PROBING (one call let through on a
 * lease), or FORCED_OPEN by an operator. Driven lazily by the calls that read and report it; no thread of
 * its own. Lock-free: an immutable {@link Snapshot} swapped by compare-and-set. On the healthy path a read is
 * one volatile load and a success that changes nothing writes nothing. Thread-safe.
 */
public final class ProviderCell {

    /** What {@link #admit} answers. */
    public static final int RUN = 0;
    /** What {@link #admit} answers: run it, as the one probe of a provider whose cooldown ended. */
    public static final int PROBE = 1;
    /** What {@link #admit} answers: skip it. */
    public static final int SKIP = 2;

    private static final Snapshot HEALTHY = new Snapshot(Status.HEALTHY, 0, "", false, 0, 0);

    private final String provider;
    private final HealthRegistry registry;
    private final AtomicReference<Snapshot> state = new AtomicReference<>(HEALTHY);

    ProviderCell(String provider, HealthRegistry registry) {
        this.provider = provider;
        this.registry = registry;
    }

    /** An immutable state: the status, until when (a nanosecond reading of the registry's clock), and why. */
    static final class Snapshot {
        final Status status;
        /** COOLING and FORCED_OPEN: when it ends; PROBING: when the probe's lease ends. */
        final long until;
        final String reason;
        final boolean hard;
        final int failures;
        final int cooldowns;

        Snapshot(Status status, long until, String reason, boolean hard, int failures, int cooldowns) {
            this.status = status;
            this.until = until;
            this.reason = reason;
            this.hard = hard;
            this.failures = failures;
            this.cooldowns = cooldowns;
        }
    }

    /**
     * The provider label.
     *
     * @return the label
     */
    public String provider() {
        return provider;
    }

    /**
     * The registry this cell belongs to (its clock).
     *
     * @return the registry
     */
    public HealthRegistry registry() {
        return registry;
    }

    Snapshot snapshot() {
        return state.get();
    }

    /**
     * Whether the provider is healthy: one volatile read, for the healthy path.
     *
     * @return {@code true} when HEALTHY
     */
    public boolean healthy() {
        return state.get().status == Status.HEALTHY;
    }

    /**
     * Whether a call may run now, and as what: {@link #RUN} when healthy; {@link #PROBE} for the one call let
     * through when a cooldown (or an abandoned probe's lease) has ended; {@link #SKIP} otherwise.
     *
     * @param now   a reading of the registry's clock
     * @param lease how long the probe may hold its slot: its effective timeout (so that an abandoned,
     *              interrupt-deaf probe cannot hold it for ever)
     * @return {@link #RUN}, {@link #PROBE} or {@link #SKIP}
     */
    public int admit(long now, long lease) {
        while (true) {
            Snapshot current = state.get();
            if (current.status == Status.HEALTHY) {
                return RUN;
            }
            if (now - current.until < 0) {
                return SKIP;
            }
            if (current.status == Status.FORCED_OPEN) {
                if (change(current, HEALTHY, now)) {
                    return RUN;
                }
                continue;
            }
            // COOLING whose time is up, or PROBING whose probe's lease ran out: this call is the probe.
            if (change(current, probing(current, now, lease), now)) {
                return PROBE;
            }
        }
    }

    /**
     * Lets one call through as a probe whatever the cooldown says: for a chain whose every link is unhealthy,
     * which tries the provider that recovers soonest rather than nothing.
     *
     * @param now   a reading of the registry's clock
     * @param lease as for {@link #admit}
     */
    public void forceProbe(long now, long lease) {
        while (true) {
            Snapshot current = state.get();
            if (current.status == Status.HEALTHY) {
                return;
            }
            if (change(current, probing(current, now, lease), now)) {
                return;
            }
        }
    }

    /**
     * Whether {@link #admit} would let a call run now, without changing anything.
     *
     * @param now a reading of the registry's clock
     * @return {@code true} if a call may run or probe
     */
    public boolean mayRun(long now) {
        Snapshot current = state.get();
        return current.status == Status.HEALTHY || now - current.until >= 0;
    }

    /**
     * Whether the provider is unhealthy for a reason a probe cannot soon overturn: forced open, or cooling for
     * quota, billing or credentials.
     *
     * @return {@code true} for a hard reason
     */
    public boolean hard() {
        Snapshot current = state.get();
        return current.status == Status.FORCED_OPEN || current.status != Status.HEALTHY && current.hard;
    }

    /**
     * When the provider may be called again: the end of its cooldown or of its probe's lease.
     *
     * @return a reading of the registry's clock; meaningless for a healthy provider
     */
    public long recoversAt() {
        return state.get().until;
    }

    /**
     * Why a call skips the provider now, for its trace: the reason and the time left, e.g.
     * {@code 529 overloaded, 3 s left}, or that another call is probing it. One read of the state, so the
     * parts agree.
     *
     * @param now a reading of the registry's clock
     * @return the summary, never holding an argument
     */
    public String skipSummary(long now) {
        Snapshot current = state.get();
        if (current.status == Status.PROBING) {
            return current.reason + ", another call is probing it";
        }
        long left = Math.max(0, current.until - now);
        return current.reason + ", " + TimeUnit.NANOSECONDS.toSeconds(left + 999_999_999L) + " s left";
    }

    /**
     * Why the provider is unhealthy, for traces.
     *
     * @return e.g. {@code 529 overloaded}; empty when healthy
     */
    public String reason() {
        return state.get().reason;
    }

    /**
     * The provider answered: healthy, its streak forgotten. Reads no clock and writes nothing when that is
     * already so.
     */
    public void succeeded() {
        while (true) {
            Snapshot current = state.get();
            if (current == HEALTHY || current.status == Status.FORCED_OPEN) {
                return;
            }
            if (change(current, HEALTHY, registry.nanoTime())) {
                return;
            }
        }
    }

    /**
     * The provider's attempt failed: the policy decides whether it cools. A new cooldown never ends before one
     * already running (the later deadline wins); a probe's failure that does not cool ends the probe.
     *
     * @param policy  the link's policy
     * @param failure what the attempt ended with
     * @param movedOn whether the link's {@code skipOn} moved on from it
     * @param now     a reading of the registry's clock
     */
    public void failed(HealthPolicy policy, Throwable failure, boolean movedOn, long now) {
        Snapshot before = state.get();
        if (before.status == Status.FORCED_OPEN) {
            return;
        }
        // A call that started before the running cooldown and fails now is judged on the step that cooldown was:
        // it is the same outage, not a new failure of a probe.
        int steps = before.status == Status.COOLING ? Math.max(0, before.cooldowns - 1) : before.cooldowns;
        Cooldown cooldown = policy.cooldown(failure, movedOn, new Streak(before.failures, steps,
                before.status == Status.PROBING));
        while (true) {
            Snapshot current = state.get();
            if (current.status == Status.FORCED_OPEN) {
                return;
            }
            Snapshot next;
            boolean cooled = false;
            if (cooldown == null || !cooldown.cools()) {
                // Not a reason to cool: a cooldown running goes on; a probe that got this answer ends it.
                Status status = current.status == Status.PROBING ? Status.HEALTHY : current.status;
                next = status == Status.HEALTHY
                        ? new Snapshot(Status.HEALTHY, 0, "", false, current.failures + 1, current.cooldowns)
                        : new Snapshot(status, current.until, current.reason, current.hard, current.failures + 1,
                                current.cooldowns);
            } else if (current.status == Status.COOLING) {
                // A call that started before the cooldown failed too: the later deadline wins, and it is the same
                // step of the back-off, not the next one.
                long until = now + cooldown.duration().toNanos();
                cooled = until - current.until > 0;
                next = !cooled
                        ? new Snapshot(Status.COOLING, current.until, current.reason, current.hard,
                                current.failures + 1, current.cooldowns)
                        : new Snapshot(Status.COOLING, until, cooldown.reason(), cooldown.hard(), current.failures + 1,
                                current.cooldowns);
            } else {
                cooled = true;
                next = new Snapshot(Status.COOLING, now + cooldown.duration().toNanos(), cooldown.reason(),
                        cooldown.hard(), current.failures + 1, current.cooldowns + 1);
            }
            if (change(current, next, now)) {
                if (cooled) {
                    registry.cooled(this, failure, cooldown, next.until);
                }
                return;
            }
        }
    }

    /**
     * An operator's decision: skipped until {@code until}, whatever calls report.
     *
     * @param until a reading of the registry's clock
     * @param now   a reading of the registry's clock
     */
    public void forceOpen(long until, long now) {
        while (true) {
            Snapshot current = state.get();
            if (change(current, new Snapshot(Status.FORCED_OPEN, until, "forced open", true, current.failures,
                    current.cooldowns), now)) {
                return;
            }
        }
    }

    /**
     * Back to healthy, streak forgotten.
     *
     * @param now a reading of the registry's clock
     */
    public void reset(long now) {
        while (true) {
            Snapshot current = state.get();
            if (current == HEALTHY || change(current, HEALTHY, now)) {
                return;
            }
        }
    }

    /**
     * A cooldown learned from elsewhere (another instance, through a shared store): a healthy cell, or one
     * cooling until earlier, cools until {@code until}; a probe in flight and an operator's decision are left
     * alone. The streak is this instance's own and stays as it is (the probe that ends this cooldown is judged as
     * any probe is: a failure cools again).
     *
     * @param until  a reading of the registry's clock
     * @param reason why, log-safe
     * @param hard   whether a probe cannot soon overturn it
     * @param now    a reading of the registry's clock
     * @return whether the cell changed
     */
    public boolean adopt(long until, String reason, boolean hard, long now) {
        while (true) {
            Snapshot current = state.get();
            if (until - now <= 0 || current.status == Status.PROBING || current.status == Status.FORCED_OPEN
                    || current.status == Status.COOLING && current.until - until >= 0) {
                return false;
            }
            if (change(current, new Snapshot(Status.COOLING, until, reason, hard, current.failures,
                    current.cooldowns), now)) {
                return true;
            }
        }
    }

    /** {@code current}, probed by one call until its lease ends. */
    private static Snapshot probing(Snapshot current, long now, long lease) {
        return new Snapshot(Status.PROBING, now + lease, current.reason, current.hard, current.failures,
                current.cooldowns);
    }

    private boolean change(Snapshot from, Snapshot to, long now) {
        if (!state.compareAndSet(from, to)) {
            return false;
        }
        if (from.status != to.status || from.until != to.until && to.status != Status.HEALTHY) {
            registry.transitioned(this, from, to, now);
        }
        return true;
    }
}
