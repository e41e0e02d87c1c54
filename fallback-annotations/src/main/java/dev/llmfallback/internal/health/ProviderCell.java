package dev.llmfallback.internal.health;

import dev.llmfallback.HealthPolicy;
import dev.llmfallback.HealthPolicy.Cooldown;
import dev.llmfallback.HealthPolicy.Streak;
import dev.llmfallback.ProviderHealth.Status;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One provider's health (SPEC §9): HEALTHY, COOLING until an instant, PROBING (one call let through on a
 * lease), or FORCED_OPEN by an operator. Driven lazily by the calls that read and report it; no thread of
 * its own. Lock-free: an immutable {@link Snapshot} swapped by compare-and-set. On the healthy path a read is
 * one volatile load and a success that changes nothing writes nothing. Thread-safe.
 */
public final class ProviderCell {

    /** What {@link #admit} answers for a call to skip. */
    public static final long SKIP = -1;
    /**
     * What {@link #admit} answers for a call that runs on a healthy provider, and the ticket its outcome is
     * reported with: not a probe. A probe's ticket is positive, unique in the process.
     */
    public static final long RUN = 0;

    private static final Snapshot HEALTHY = new Snapshot(Status.HEALTHY, 0, "", false, 0, 0);

    /** Tickets of probes: which call is the probe, so that an older call's outcome is never taken for its. */
    private static final AtomicLong PROBE_TICKETS = new AtomicLong();

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
        /** PROBING: the probe's ticket; otherwise 0. */
        final long probe;

        Snapshot(Status status, long until, String reason, boolean hard, int failures, int cooldowns) {
            this(status, until, reason, hard, failures, cooldowns, 0);
        }

        Snapshot(Status status, long until, String reason, boolean hard, int failures, int cooldowns, long probe) {
            this.status = status;
            this.until = until;
            this.reason = reason;
            this.hard = hard;
            this.failures = failures;
            this.cooldowns = cooldowns;
            this.probe = probe;
        }

        /** The same state, its streak of failures now {@code count}. */
        Snapshot withFailures(int count) {
            return status == Status.HEALTHY && count == 0 ? ProviderCell.HEALTHY
                    : new Snapshot(status, until, reason, hard, count, cooldowns, probe);
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
     * Whether a call may run now, and as what: {@link #RUN} when healthy; a probe's ticket (positive) for the
     * one call let through when a cooldown (or an abandoned probe's lease) has ended; {@link #SKIP} otherwise.
     * The call reports its outcome with what it was given here.
     *
     * @param now   a reading of the registry's clock
     * @param lease how long the probe may hold its slot: its effective timeout (so that an abandoned,
     *              interrupt-deaf probe cannot hold it for ever)
     * @return {@link #RUN}, a probe's ticket, or {@link #SKIP}
     */
    public long admit(long now, long lease) {
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
            Snapshot probing = probing(current, now, lease, PROBE_TICKETS.incrementAndGet());
            if (change(current, probing, now)) {
                return probing.probe;
            }
        }
    }

    /**
     * Lets a call through as a probe whatever the cooldown says: for a chain whose every link is unhealthy,
     * which tries the provider that recovers soonest rather than nothing. A probe already in flight keeps its
     * ticket (both calls are probes, and the first outcome decides) and the later of the two leases.
     *
     * @param now   a reading of the registry's clock
     * @param lease as for {@link #admit}
     * @return the probe's ticket, or {@link #RUN} for a provider that is healthy by now
     */
    public long forceProbe(long now, long lease) {
        while (true) {
            Snapshot current = state.get();
            if (current.status == Status.HEALTHY) {
                return RUN;
            }
            Snapshot probing = current.status == Status.PROBING
                    ? probing(current, Math.max(current.until - lease, now), lease, current.probe)
                    : probing(current, now, lease, PROBE_TICKETS.incrementAndGet());
            if (change(current, probing, now)) {
                return probing.probe;
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
     * The provider answered a call. Its probe's answer heals it; a call that started before the provider cooled,
     * or before the probe in flight, only breaks its streak of failures: a Retry-After or a quota cooldown stands
     * until its probe says otherwise. Reads no clock and writes nothing when the provider is healthy already.
     *
     * @param ticket what {@link #admit} gave the call
     */
    public void succeeded(long ticket) {
        while (true) {
            Snapshot current = state.get();
            if (current == HEALTHY || current.status == Status.FORCED_OPEN) {
                return;
            }
            Snapshot next;
            if (current.status == Status.HEALTHY || isProbe(current, ticket)) {
                next = HEALTHY;
            } else if (current.failures == 0) {
                return;
            } else {
                next = current.withFailures(0);
            }
            if (change(current, next, registry.nanoTime())) {
                return;
            }
        }
    }

    /**
     * A call's attempt failed. A failure {@code skipOn} stopped for never cools and breaks the streak (the
     * provider answered; the request was at fault). Otherwise the policy decides, on this state: the probe's
     * failure cools at once, the next step of the back-off (a policy sees {@link Streak#probing()}); a call that
     * started before the running cooldown is judged on that cooldown's step and can only make it end later; a
     * call that started before the probe in flight is counted and leaves the probe alone.
     *
     * @param policy  the link's policy
     * @param failure what the attempt ended with
     * @param movedOn whether the link's {@code skipOn} moved on from it
     * @param ticket  what {@link #admit} gave the call
     * @param now     a reading of the registry's clock
     */
    public void failed(HealthPolicy policy, Throwable failure, boolean movedOn, long ticket, long now) {
        while (true) {
            Snapshot current = state.get();
            if (current.status == Status.FORCED_OPEN) {
                return;
            }
            boolean probe = isProbe(current, ticket);
            boolean older = current.status == Status.COOLING || current.status == Status.PROBING && !probe;
            // Evaluated on the state it will replace, so that concurrent failures are each counted once.
            int steps = older ? Math.max(0, current.cooldowns - 1) : current.cooldowns;
            Cooldown cooldown = policy.cooldown(failure, movedOn, new Streak(current.failures, steps, probe));
            Snapshot next;
            boolean cooled = false;
            if (cooldown == null || !cooldown.cools()) {
                int failures = movedOn ? current.failures + 1 : 0;
                // The probe got an answer that does not cool: the provider is up, its back-off kept for now.
                next = probe ? new Snapshot(Status.HEALTHY, 0, "", false, failures, current.cooldowns)
                        : current.withFailures(failures);
            } else if (current.status == Status.PROBING && !probe) {
                next = current.withFailures(current.failures + 1);
            } else if (current.status == Status.COOLING) {
                long until = now + cooldown.duration().toNanos();
                cooled = until - current.until > 0;
                next = !cooled
                        ? current.withFailures(current.failures + 1)
                        : new Snapshot(Status.COOLING, until, cooldown.reason(), cooldown.hard(), current.failures + 1,
                                current.cooldowns);
            } else {
                cooled = true;
                next = new Snapshot(Status.COOLING, now + cooldown.duration().toNanos(), cooldown.reason(),
                        cooldown.hard(), current.failures + 1, current.cooldowns + 1);
            }
            if (next == current || change(current, next, now)) {
                if (cooled) {
                    registry.cooled(this, failure, cooldown, next.until);
                }
                return;
            }
        }
    }

    /**
     * A probe ended without an answer or a failure to judge (its caller was interrupted or cancelled it, or
     * its predicate threw): its slot is free at once instead of at the end of its lease, the cooldown as it
     * was.
     *
     * @param ticket what {@link #admit} gave the call; anything but a probe's ticket changes nothing
     * @param now    a reading of the registry's clock
     */
    public void abandoned(long ticket, long now) {
        while (true) {
            Snapshot current = state.get();
            if (!isProbe(current, ticket)) {
                return;
            }
            if (change(current, new Snapshot(Status.COOLING, now, current.reason, current.hard, current.failures,
                    current.cooldowns), now)) {
                return;
            }
        }
    }

    private static boolean isProbe(Snapshot current, long ticket) {
        return ticket > 0 && current.status == Status.PROBING && current.probe == ticket;
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

    /** {@code current}, probed by the call holding {@code ticket} until its lease ends. */
    private static Snapshot probing(Snapshot current, long now, long lease, long ticket) {
        return new Snapshot(Status.PROBING, now + lease, current.reason, current.hard, current.failures,
                current.cooldowns, ticket);
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
