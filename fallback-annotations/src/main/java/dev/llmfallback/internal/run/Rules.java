package dev.llmfallback.internal.run;

import dev.llmfallback.AllProvidersFailedException;
import dev.llmfallback.AllProvidersUnhealthyException;
import dev.llmfallback.Attempt;
import dev.llmfallback.Attempt.Outcome;
import dev.llmfallback.FallbackListener.Activation;
import dev.llmfallback.internal.health.LinkHealth;
import dev.llmfallback.internal.health.ProviderCell;
import dev.llmfallback.internal.observe.Observation;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The chain's semantics, written once: what a link's attempt may take, how its outcome is judged and what is
 * recorded (the rules of the <a href="../../package-summary.html#rules">API package documentation</a>). The
 * runners, {@link Engine} (sync) and {@link AsyncRun} (async), are thin drivers: they start attempts and wait
 * for them in their own way, and ask this class every question a rule answers. They differ only where they
 * must: a sync run heeds its caller's interrupt flag, an async run has no caller thread to heed.
 *
 * <ul>
 *   <li>{@link #admit}: before an attempt, whether its provider is healthy enough to be called (SPEC §9);</li>
 *   <li>{@link #budget}: before an attempt, how long it may take: its own timeout, capped by what is left of
 *       the chain's deadline; when nothing is left, the links not tried are recorded
 *       {@link Outcome#NOT_TRIED NOT_TRIED} and the chain ends.</li>
 *   <li>{@link #late}: an outcome that arrives after the attempt's budget is rejected, whatever the scheduler
 *       did, and the attempt counts as {@link #timedOut timed out}.</li>
 *   <li>{@link #failed}: an {@link Error}, an {@link InterruptedException} or (sync) a set interrupt flag
 *       ends the chain unjudged; otherwise the link's predicate decides, and a predicate that throws ends the
 *       chain with its own exception. After the last link, {@link AllProvidersFailedException}.</li>
 *   <li>{@link #record}, {@link #started}, {@link #invoke} and {@link #ended}: what listeners see (SPEC §11),
 *       told here for every runner, and nothing at all when no one listens.</li>
 * </ul>
 * Stateless and thread-safe.
 */
final class Rules {

    private Rules() {
    }

    /**
     * How long link {@code i}'s attempt, starting at {@code now}, may take.
     *
     * @param chainStart when the chain started
     * @return nanoseconds, 0 for no bound
     * @throws AllProvidersFailedException when the chain's deadline has passed, after recording the links not
     *                                     tried
     */
    static long budget(Chain chain, int i, long chainStart, long now, AttemptSink sink) {
        long own = chain.link(i).timeoutNanos();
        long deadline = chain.deadlineNanos();
        if (deadline == 0) {
            return own;
        }
        long left = chainStart + deadline - now;
        if (left <= 0) {
            for (int untried = i; untried < chain.size(); untried++) {
                record(chain, sink, untried, Outcome.NOT_TRIED, null, null, now, now);
            }
            throw sink.allFailed();
        }
        return own == 0 ? left : Math.min(own, left);
    }

    /** How long a probe holds its provider's slot when its attempt has no budget of its own. */
    static final long UNBOUNDED_PROBE_LEASE = TimeUnit.SECONDS.toNanos(60);

    /**
     * Whether link {@code i} may run now (SPEC §9): always, for a link without health; otherwise while its
     * provider is healthy, or as the one probe of a provider whose cooldown ended. An unhealthy link is
     * recorded {@link Outcome#SKIPPED_UNHEALTHY SKIPPED_UNHEALTHY} and passed over. A chain never fails without
     * trying something it may try: when nothing has been tried and no later link may run either, the link
     * whose provider recovers soonest is probed anyway, unless every one is forced open or cooling for a hard
     * reason, and then the chain ends with {@link AllProvidersUnhealthyException}.
     *
     * @param budget  what {@link #budget} gave the attempt: the probe's lease
     * @param untried whether no link of this run has been tried yet
     * @return {@code true} to run the link
     * @throws AllProvidersFailedException when the last link is skipped, or nothing may be tried
     */
    static boolean admit(Chain chain, int i, long budget, boolean untried, AttemptSink sink) {
        LinkHealth health = chain.link(i).health();
        if (health == null) {
            return true;
        }
        ProviderCell cell = health.cell();
        if (cell.healthy()) {
            // The healthy path: one volatile read, no clock (reading it would cost more than all the rest).
            sink.admitted(ProviderCell.RUN);
            return true;
        }
        long lease = budget == 0 ? UNBOUNDED_PROBE_LEASE : budget;
        long now = cell.registry().nanoTime();
        long ticket = cell.admit(now, lease);
        if (ticket != ProviderCell.SKIP) {
            sink.admitted(ticket);
            return true;
        }
        if (untried && !anyMayRun(chain, i + 1, now)) {
            int soonest = soonestToRecover(chain, i, false);
            if (soonest < 0) {
                for (int j = i; j < chain.size(); j++) {
                    skipped(chain, j, now, sink);
                }
                long earliest = chain.link(soonestToRecover(chain, i, true)).health().cell().recoversAt();
                throw sink.allUnhealthy(Duration.ofNanos(Math.max(0, earliest - now)));
            }
            if (soonest == i) {
                sink.admitted(cell.forceProbe(now, lease));
                return true;
            }
        }
        skipped(chain, i, now, sink);
        if (i == chain.size() - 1) {
            throw sink.allFailed();
        }
        return false;
    }

    // The summary reads the registry's clock; the record, like every other, the chain's scheduler's.
    private static void skipped(Chain chain, int i, long now, AttemptSink sink) {
        long at = chain.scheduler().nanoTime();
        record(chain, sink, i, Outcome.SKIPPED_UNHEALTHY, null, chain.link(i).health().cell().skipSummary(now), at,
                at);
    }

    private static boolean anyMayRun(Chain chain, int from, long now) {
        for (int j = from; j < chain.size(); j++) {
            LinkHealth health = chain.link(j).health();
            if (health == null || health.cell().mayRun(now)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The link from {@code from} on whose provider recovers first; among those not cooling for a hard reason
     * only, unless {@code hardToo}. -1 if there is none.
     */
    private static int soonestToRecover(Chain chain, int from, boolean hardToo) {
        int soonest = -1;
        long soonestAt = 0;
        for (int j = from; j < chain.size(); j++) {
            ProviderCell cell = chain.link(j).health().cell();
            long at = cell.recoversAt();
            if ((hardToo || !cell.hard()) && (soonest < 0 || at - soonestAt < 0)) {
                soonest = j;
                soonestAt = at;
            }
        }
        return soonest;
    }

    /** Tells link {@code i}'s provider health how the attempt ended; nothing for a link without health. */
    private static void report(Chain chain, int i, Throwable failure, boolean movedOn, AttemptSink sink) {
        if (!chain.hasHealth()) {
            return;
        }
        LinkHealth health = chain.link(i).health();
        if (health != null) {
            ProviderCell cell = health.cell();
            cell.failed(health.policy(), failure, movedOn, sink.admission(), cell.registry().nanoTime());
        }
    }

    /**
     * Tells link {@code i}'s provider health that its attempt ended with nothing to judge (stopped by the
     * caller, an Error, a predicate that threw): a probe's slot is freed at once.
     */
    static void abandoned(Chain chain, int i, AttemptSink sink) {
        if (!chain.hasHealth()) {
            return;
        }
        LinkHealth health = chain.link(i).health();
        if (health != null) {
            ProviderCell cell = health.cell();
            cell.abandoned(sink.admission(), cell.registry().nanoTime());
        }
    }

    /**
     * Whether an outcome that arrived at {@code end} came after its attempt's budget.
     *
     * @param budget what {@link #budget} gave the attempt
     */
    static boolean late(long budget, long start, long end) {
        return budget != 0 && end - start > budget;
    }

    /**
     * Whether a failure ends the chain even when it arrives after the attempt's budget: an {@link Error} or an
     * {@link InterruptedException} is never turned into a timeout that moves on.
     */
    static boolean endsChainWhenLate(Throwable failure) {
        return failure instanceof Error || failure instanceof InterruptedException;
    }

    /** Records link {@code i}'s answer. */
    static void succeeded(Chain chain, int i, long start, long end, AttemptSink sink) {
        record(chain, sink, i, Outcome.SUCCEEDED, null, null, start, end);
        if (chain.hasHealth()) {
            LinkHealth health = chain.link(i).health();
            if (health != null) {
                health.cell().succeeded(sink.admission());
            }
        }
    }

    /**
     * Records link {@code i}'s attempt as timed out. A hang is always worth moving on from: no predicate.
     *
     * @return the failure the next link receives as the previous one
     * @throws AllProvidersFailedException if {@code i} is the last link
     */
    static TimeoutException timedOut(Chain chain, int i, long budget, long start, long end, AttemptSink sink) {
        TimeoutException failure = new TimeoutException("attempt timed out after "
                + TimeUnit.NANOSECONDS.toMillis(budget) + " ms");
        record(chain, sink, i, Outcome.TIMED_OUT, failure, null, start, end);
        report(chain, i, failure, true, sink);
        if (i == chain.size() - 1) {
            throw sink.allFailed();
        }
        return failure;
    }

    /**
     * Judges and records link {@code i}'s failure: {@link #judge}, then {@link #movedOn}. Returns if the chain
     * moves on to the next link; otherwise throws what ends the chain.
     *
     * @param failure      what the link threw, unwrapped
     * @param judged       the verdict reached where the failure happened, within the attempt's budget (a
     *                     timed attempt's worker, an async stage's callback), or {@code null} to judge here
     * @param callerThread whether this runs on the caller's thread of a sync run, whose interrupt flag ends
     *                     the chain
     * @throws Throwable the failure itself (stop, Error, interrupt), the predicate's own exception with the
     *                   failure suppressed, or {@link AllProvidersFailedException} after the last link
     */
    static void failed(Chain chain, int i, Throwable failure, Settled judged, boolean callerThread, long start,
            long end, AttemptSink sink) throws Throwable {
        judge(chain, i, failure, judged, callerThread, start, end, sink);
        movedOn(chain, i, failure, judged, start, end, sink);
    }

    /*
     * failed() in two halves, which a runner's hot path calls one after the other. Each half compiles to less than
     * C2's InlineSmallCode even with a built-in predicate's classification inlined, so the runner inlines both
     * whichever C2 compiles first; failed() as one method did not, and cost the fall-over a call (BENCHMARKS.md).
     */

    /**
     * The first half of {@link #failed}: judges link {@code i}'s failure and tells its provider health. Returns
     * if the chain moves on, and the caller then calls {@link #movedOn}; otherwise records the attempt and
     * throws what ends the chain. Parameters and exceptions as {@link #failed}, but never
     * {@link AllProvidersFailedException}.
     */
    static void judge(Chain chain, int i, Throwable failure, Settled judged, boolean callerThread, long start,
            long end, AttemptSink sink) throws Throwable {
        if (endsChainUnjudged(failure, callerThread)) {
            record(chain, sink, i, Outcome.STOPPED, failure, summary(judged), start, end);
            abandoned(chain, i, sink);
            throw failure;
        }
        boolean skip;
        if (judged != null && judged.judged()) {
            if (judged.predicateFailure() != null) {
                abandoned(chain, i, sink);
                throw stoppedByPredicate(chain, i, failure, judged.summary(), judged.predicateFailure(), start, end,
                        sink);
            }
            skip = judged.skip();
        } else {
            try {
                skip = chain.link(i).skipOn().shouldSkip(failure);
            } catch (Throwable predicateFailure) {
                abandoned(chain, i, sink);
                throw stoppedByPredicate(chain, i, failure, summary(judged), predicateFailure, start, end, sink);
            }
        }
        report(chain, i, failure, skip, sink);
        if (!skip) {
            record(chain, sink, i, Outcome.STOPPED, failure, summary(judged), start, end);
            throw failure;
        }
    }

    /**
     * The second half of {@link #failed}, once {@link #judge} returned: records link {@code i}'s attempt as
     * failed and moved on from.
     *
     * @throws AllProvidersFailedException if {@code i} is the last link
     */
    static void movedOn(Chain chain, int i, Throwable failure, Settled judged, long start, long end,
            AttemptSink sink) {
        record(chain, sink, i, Outcome.FAILED, failure, summary(judged), start, end);
        if (i == chain.size() - 1) {
            throw sink.allFailed();
        }
    }

    private static String summary(Settled judged) {
        return judged != null ? judged.summary() : null;
    }

    private static Throwable stoppedByPredicate(Chain chain, int i, Throwable failure, String summary, Throwable predicateFailure,
            long start, long end, AttemptSink sink) {
        record(chain, sink, i, Outcome.STOPPED, failure, summary, start, end);
        if (predicateFailure != failure) {
            predicateFailure.addSuppressed(failure);
        }
        return predicateFailure;
    }

    /**
     * Errors and interruptions are never judged by a predicate: an outage is not an OutOfMemoryError, and a
     * caller that interrupts wants the chain to end, not to move on. On the caller's thread the interrupt
     * flag is set again for an InterruptedException, whose thrower cleared it, so that the caller still sees
     * it; and a set flag ends the chain whatever the failure.
     */
    static boolean endsChainUnjudged(Throwable failure, boolean callerThread) {
        if (failure instanceof Error) {
            return true;
        }
        if (failure instanceof InterruptedException) {
            if (callerThread) {
                Thread.currentThread().interrupt();
            }
            return true;
        }
        return callerThread && Thread.currentThread().isInterrupted();
    }

    /**
     * The failure inside the wrappers futures add (SPEC §7). Never builds an exception around a provider's
     * failure: that would call its {@code toString}, which may throw.
     */
    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; depth < 8 && (current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null; depth++) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * Records link {@code i}'s attempt in the run's sink and tells the run's listeners, if any; the one way
     * every runner records (see {@link AttemptSink#record} for the parameters).
     */
    static void record(Chain chain, AttemptSink sink, int i, Outcome outcome, Throwable failure, String summary,
            long start, long end) {
        sink.record(i, outcome, failure, summary, start, end);
        Observation observation = sink.observation();
        if (observation != null) {
            Link link = chain.link(i);
            observation.attemptEnded(new Attempt(i, link.provider(), link.method(), outcome, failure,
                    Duration.ofNanos(Math.max(0, end - start))));
        }
    }

    /**
     * Link {@code i} is about to be called: tells the run's listeners, if any.
     *
     * @return the attempt's scopes for {@link #invoke}, or {@code null}
     */
    static Observation.Scopes started(Chain chain, int i, AttemptSink sink) {
        Observation observation = sink.observation();
        return observation == null ? null : observation.attemptStarted(i, chain.link(i).provider());
    }

    /**
     * Runs link {@code i}'s body on this thread with its attempt's scopes active (see
     * {@link dev.llmfallback.FallbackListener.AttemptScope}): every runner calls a provider through here.
     *
     * @param scopes what {@link #started} returned
     * @throws Throwable what the link threw, unchanged
     */
    static Object invoke(Link link, Object target, Object[] args, Throwable previous, ThreadState thread,
            Observation.Scopes scopes) throws Throwable {
        if (scopes == null) {
            return link.invoker().invoke(target, args, previous, thread);
        }
        Activation[] active = scopes.activate();
        try {
            return link.invoker().invoke(target, args, previous, thread);
        } finally {
            scopes.deactivate(active);
        }
    }

    /**
     * The run ended: tells its listeners, if any, once.
     *
     * @param elapsedNanos how long the run took
     * @param failure      what the run threw, {@code null} when it answered
     */
    static void ended(AttemptSink sink, long elapsedNanos, Throwable failure) {
        Observation observation = sink.observation();
        if (observation != null) {
            observation.chainEnded(elapsedNanos, failure);
        }
    }
}
