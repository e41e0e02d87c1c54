package dev.llmfallback.internal.run;

import dev.llmfallback.AllProvidersFailedException;
import dev.llmfallback.Attempt;
import dev.llmfallback.Attempt.Outcome;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.internal.classify.RecordedSummaries;
import dev.llmfallback.internal.observe.Observation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of a chain that answers with a future (SPEC §7), by the {@link Rules}. No thread waits: each
 * attempt's outcome arrives as a callback, a timer armed when the attempt starts expires it, and the next
 * attempt starts from there. Every attempt is settled exactly once, by whichever comes first of its own
 * outcome, its timer, or the cancellation of the run's future; whatever comes later is discarded, and an
 * outcome that arrives after the attempt's budget is rejected as a timeout even if the timer has not run
 * yet (a busy scheduler must not stretch a timeout).
 *
 * <p>Sync links run on the scheduler's workers with the caller's context, captured once when the run
 * starts; after a timeout the next attempt starts through {@link Scheduler#proceed}, never on the timer
 * thread. Ending the run's future early (see {@link TracedFuture}) cancels the attempt in flight, records it
 * STOPPED and starts no other. Thread-safe.
 */
final class AsyncRun implements AttemptSink {

    private final Chain chain;
    private final Scheduler scheduler;
    /** What provider health admitted the attempt in flight as; read on the thread that ends it. */
    private volatile long admission;
    private final Object target;
    private final Object[] args;
    private final TracedFuture<Object> result = new TracedFuture<>(this, true);
    private final long startNanos;
    private final Object[] context;
    private final List<Attempt> attempts = new ArrayList<>();
    /** By attempt index: the failure's summary where it was judged; guarded by {@link #attempts}. */
    private final String[] summaries;
    private volatile long endNanos;
    private volatile InFlight current;
    private volatile Throwable stopped;
    /** Whether a link has been tried: until then, a run whose every link is unhealthy probes one. */
    private volatile boolean tried;
    /** The run as its listeners see it; {@code null} when no one listens. */
    private final Observation observation;

    private AsyncRun(Chain chain, Object target, Object[] args) {
        this.chain = chain;
        this.scheduler = chain.scheduler();
        this.target = target;
        this.args = args;
        this.startNanos = scheduler.nanoTime();
        this.context = scheduler.captureContext();
        this.summaries = new String[chain.size()];
        this.observation = chain.observe(null, false);
    }

    static TracedFuture<Object> start(Chain chain, Object target, Object[] args) {
        AsyncRun run = new AsyncRun(chain, target, args);
        run.attempt(0, null);
        return run.result;
    }

    /** One attempt in flight, and what must be cancelled if it is abandoned. */
    private static final class InFlight {
        final int index;
        final long startNanos;
        final long budget;
        final AtomicBoolean settled = new AtomicBoolean();
        /** Settled by its budget running out, rather than by its own outcome or the caller. */
        volatile boolean expired;
        volatile Future<?> work;
        volatile Scheduler.Cancellable timer;

        InFlight(int index, long startNanos, long budget) {
            this.index = index;
            this.startNanos = startNanos;
            this.budget = budget;
        }

        boolean settle() {
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
            Scheduler.Cancellable pending = timer;
            if (pending != null) {
                pending.cancel();
            }
            return true;
        }

        void abandon() {
            Future<?> inFlight = work;
            if (inFlight != null) {
                inFlight.cancel(true);
            }
        }
    }

    private void attempt(int i, Throwable previous) {
        if (stopped != null || result.isDone()) {
            return;
        }
        long now;
        long budget;
        try {
            while (true) {
                now = scheduler.nanoTime();
                budget = Rules.budget(chain, i, startNanos, now, this);
                if (!chain.hasHealth() || Rules.admit(chain, i, budget, !tried, this)) {
                    break;
                }
                i++;
            }
        } catch (AllProvidersFailedException endsChain) {
            fail(endsChain);
            return;
        }
        tried = true;
        Link link = chain.link(i);
        Observation.Scopes scopes = Rules.started(chain, i, this);
        InFlight attempt = new InFlight(i, now, budget);
        current = attempt;
        try {
            if (budget > 0) {
                // Armed before the provider is called, so that the budget counts from the attempt's start.
                attempt.timer = scheduler.schedule(() -> expire(attempt, scheduler.nanoTime()), budget);
            }
            if (link.async()) {
                CompletableFuture<Object> stage;
                try {
                    stage = Engine.toFuture(link, Rules.invoke(link, target, args, previous, ThreadState.get(), scopes));
                } catch (Throwable thrown) {
                    settle(attempt, Settled.judging(link, Rules.unwrap(thrown), false));
                    return;
                }
                attempt.work = stage;
                // handle(), not whenComplete(): a dependent that completes exceptionally wraps the failure in a
                // CompletionException, whose constructor calls the failure's toString.
                stage.handle((answer, failure) -> {
                    Settled outcome;
                    try {
                        outcome = failure == null ? Settled.answered(answer)
                                : Settled.judging(link, Rules.unwrap(failure), false);
                    } catch (Throwable unsettled) {
                        // Unwrapping or recording failed (a hostile getCause(), out of memory): the attempt must
                        // still end, or the chain's future would never complete.
                        outcome = Settled.unjudged(unsettled);
                    }
                    settle(attempt, outcome);
                    return null;
                });
            } else {
                attempt.work = scheduler.submit(() -> {
                    settle(attempt, Engine.onWorker(link, target, args, previous, scopes));
                    return null;
                }, context);
            }
        } catch (Throwable cannotStart) {
            // No worker, no timer (RejectedExecutionException, no native thread): end the run, never leave it hanging.
            if (attempt.settle()) {
                Rules.record(chain, this, i, Outcome.STOPPED, cannotStart, null, now, scheduler.nanoTime());
                Rules.abandoned(chain, i, this);
                fail(cannotStart);
            }
            return;
        }
        if (attempt.expired) {
            // Its timer ran out before the work was set: cancel it now (harmless if it already ended).
            attempt.abandon();
        }
        Throwable endedEarly = stopped;
        if (endedEarly != null || result.isDone()) {
            // The caller ended the run while this attempt was starting: its work must not go on.
            stop(attempt, endedEarly != null ? endedEarly : new CancellationException("the chain's future was ended"));
        }
    }

    /** The attempt's own outcome arrived: judge it, or reject it as late. */
    private void settle(InFlight attempt, Settled settled) {
        long end = scheduler.nanoTime();
        if (Rules.late(attempt.budget, attempt.startNanos, end) && !Rules.endsChainWhenLate(settled.failure())) {
            expire(attempt, end);
            return;
        }
        if (!attempt.settle()) {
            return;
        }
        if (settled.failure() == null) {
            Rules.succeeded(chain, attempt.index, attempt.startNanos, end, this);
            endNanos = end;
            // Listeners before the future: whoever waits on it sees a run that its listeners have seen end.
            Rules.ended(this, end - startNanos, null);
            result.answer(settled.value());
            return;
        }
        try {
            Rules.failed(chain, attempt.index, settled.failure(), settled, false, attempt.startNanos, end, this);
        } catch (Throwable endsChain) {
            fail(endsChain);
            return;
        }
        attempt(attempt.index + 1, settled.failure());
    }

    /**
     * The attempt's budget ran out (its timer, or a late outcome): record it, then cancel it and go on
     * elsewhere, so that the timer thread only settles.
     */
    private void expire(InFlight attempt, long end) {
        if (!attempt.settle()) {
            return;
        }
        attempt.expired = true;
        TimeoutException timedOut;
        AllProvidersFailedException allFailed = null;
        try {
            timedOut = Rules.timedOut(chain, attempt.index, attempt.budget, attempt.startNanos, end, this);
        } catch (AllProvidersFailedException lastLink) {
            timedOut = null;
            allFailed = lastLink;
        }
        TimeoutException previous = timedOut;
        AllProvidersFailedException ending = allFailed;
        try {
            scheduler.proceed(() -> {
                attempt.abandon();
                if (ending != null) {
                    fail(ending);
                } else {
                    attempt(attempt.index + 1, previous);
                }
            });
        } catch (Throwable cannotContinue) {
            attempt.abandon();
            fail(cannotContinue);
        }
    }

    private void fail(Throwable failure) {
        long end = scheduler.nanoTime();
        endNanos = end;
        Rules.ended(this, end - startNanos, failure);
        result.fail(failure);
    }

    /** The caller ended the run's future early (see {@link TracedFuture}): stop the attempt in flight. */
    void stop(Throwable reason) {
        stopped = reason;
        InFlight attempt = current;
        if (attempt != null) {
            stop(attempt, reason);
        }
        long end = scheduler.nanoTime();
        endNanos = end;
        Rules.ended(this, end - startNanos, reason);
    }

    private void stop(InFlight attempt, Throwable reason) {
        if (attempt.settle()) {
            Rules.record(chain, this, attempt.index, Outcome.STOPPED, reason, null, attempt.startNanos,
                    scheduler.nanoTime());
            Rules.abandoned(chain, attempt.index, this);
        }
        attempt.abandon();
    }

    @Override
    public void admitted(long ticket) {
        admission = ticket;
    }

    @Override
    public long admission() {
        return admission;
    }

    @Override
    public void record(int i, Outcome outcome, Throwable failure, String summary, long start, long end) {
        Link link = chain.link(i);
        Attempt attempt = new Attempt(i, link.provider(), link.method(), outcome, failure,
                Duration.ofNanos(Math.max(0, end - start)));
        synchronized (attempts) {
            summaries[attempts.size()] = summary;
            attempts.add(attempt);
        }
    }

    @Override
    public AllProvidersFailedException allFailed() {
        return RecordedSummaries.allProvidersFailed(trace());
    }

    @Override
    public AllProvidersFailedException allUnhealthy(Duration retryAfter) {
        return RecordedSummaries.allProvidersUnhealthy(trace(), retryAfter);
    }

    @Override
    public Observation observation() {
        return observation;
    }

    FallbackTrace trace() {
        long end = result.isDone() && endNanos != 0 ? endNanos : scheduler.nanoTime();
        synchronized (attempts) {
            return RecordedSummaries.trace(attempts, summaries, Duration.ofNanos(Math.max(0, end - startNanos)));
        }
    }
}
