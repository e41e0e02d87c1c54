package dev.llmfallback.internal;

import dev.llmfallback.AllProvidersFailedException;
import dev.llmfallback.Attempt;
import dev.llmfallback.Attempt.Outcome;
import dev.llmfallback.FallbackTrace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of a chain that answers with a future (SPEC §7). No thread waits: each attempt's outcome
 * arrives as a callback, a timer expires attempts that take too long, and the next attempt starts from
 * there. Every attempt is settled exactly once, by whichever comes first of its own outcome, its timeout,
 * or the cancellation of the run's future; whatever comes later is discarded.
 *
 * <p>Rules beyond the sync ones: the thread's interrupt flag means nothing here (callbacks run on other
 * threads), so only {@link Error}s and {@link InterruptedException}s end a chain unjudged; a provider's
 * failure is unwrapped from {@code CompletionException}/{@code ExecutionException}; ending the run's
 * future early (see {@link TracedFuture}) cancels the attempt in flight ({@code cancel(true)}), records it
 * STOPPED and starts no other. Sync links run on {@link Workers} threads with the caller's context, captured
 * once when the run starts; after a timeout the next attempt starts on {@link Workers#proceed}, never on the
 * shared timer thread. Thread-safe.
 */
final class AsyncRun {

    private final Chain chain;
    private final Object target;
    private final Object[] args;
    private final TracedFuture<Object> result = new TracedFuture<>(this, true);
    private final long startNanos = System.nanoTime();
    private final long deadlineAt;
    private final Object[] context;
    private final List<Attempt> attempts = new ArrayList<>();
    private volatile long endNanos;
    private volatile InFlight current;
    private volatile Throwable stopped;

    private AsyncRun(Chain chain, Object target, Object[] args) {
        this.chain = chain;
        this.target = target;
        this.args = args;
        this.deadlineAt = startNanos + chain.deadlineNanos();
        this.context = Workers.captureContext();
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
        final AtomicBoolean settled = new AtomicBoolean();
        volatile Future<?> work;
        volatile ScheduledFuture<?> timer;

        InFlight(int index, long startNanos) {
            this.index = index;
            this.startNanos = startNanos;
        }

        boolean settle() {
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
            ScheduledFuture<?> pending = timer;
            if (pending != null) {
                pending.cancel(false);
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
        long now = System.nanoTime();
        long budget = chain.timeoutNanos(i);
        if (chain.deadlineNanos() != 0) {
            long left = deadlineAt - now;
            if (left <= 0) {
                for (int untried = i; untried < chain.size(); untried++) {
                    record(untried, Outcome.NOT_TRIED, null, now, now);
                }
                fail(new AllProvidersFailedException(snapshot()));
                return;
            }
            budget = budget == 0 ? left : Math.min(budget, left);
        }
        InFlight attempt = new InFlight(i, now);
        current = attempt;
        try {
            CompletableFuture<?> outcome;
            if (chain.isAsync(i)) {
                try {
                    outcome = toFuture(i, chain, chain.invoke(i, target, args, previous, TraceRecorder.get()));
                } catch (Throwable thrown) {
                    failed(attempt, Engine.unwrap(thrown));
                    return;
                }
            } else {
                CompletableFuture<Object> answer = new CompletableFuture<>();
                outcome = answer;
                attempt.work = Workers.submit(() -> {
                    try {
                        answer.complete(Engine.invokeOnWorker(chain, i, target, args, previous));
                    } catch (Throwable thrown) {
                        answer.completeExceptionally(thrown);
                    }
                    return null;
                }, context);
            }
            if (attempt.work == null) {
                attempt.work = outcome;
            }
            if (budget > 0) {
                long limit = budget;
                attempt.timer = Workers.schedule(() -> timedOut(attempt, limit), limit);
            }
            outcome.whenComplete((answer, failure) -> {
                if (failure == null) {
                    succeeded(attempt, answer);
                } else {
                    failed(attempt, Engine.unwrap(failure));
                }
            });
        } catch (Throwable cannotStart) {
            // No worker, no timer (RejectedExecutionException, no native thread): end the run, never leave it hanging.
            if (attempt.settle()) {
                record(i, Outcome.STOPPED, cannotStart, now, System.nanoTime());
                fail(cannotStart);
            }
            return;
        }
        Throwable endedEarly = stopped;
        if (endedEarly != null || result.isDone()) {
            // The caller ended the run while this attempt was starting: its work must not go on.
            stop(attempt, endedEarly != null ? endedEarly : new CancellationException("the chain's future was ended"));
        }
    }

    private void succeeded(InFlight attempt, Object answer) {
        if (attempt.settle()) {
            record(attempt.index, Outcome.SUCCEEDED, null, attempt.startNanos, System.nanoTime());
            endNanos = System.nanoTime();
            result.answer(answer);
        }
    }

    private void fail(Throwable failure) {
        endNanos = System.nanoTime();
        result.fail(failure);
    }

    private void failed(InFlight attempt, Throwable failure) {
        if (!attempt.settle()) {
            return;
        }
        long end = System.nanoTime();
        int i = attempt.index;
        if (failure instanceof Error || failure instanceof InterruptedException) {
            record(i, Outcome.STOPPED, failure, attempt.startNanos, end);
            fail(failure);
            return;
        }
        boolean skip;
        try {
            skip = chain.predicate(i).shouldSkip(failure);
        } catch (Throwable predicateFailure) {
            record(i, Outcome.STOPPED, failure, attempt.startNanos, end);
            if (predicateFailure != failure) {
                predicateFailure.addSuppressed(failure);
            }
            fail(predicateFailure);
            return;
        }
        if (!skip) {
            record(i, Outcome.STOPPED, failure, attempt.startNanos, end);
            fail(failure);
            return;
        }
        record(i, Outcome.FAILED, failure, attempt.startNanos, end);
        next(i, failure);
    }

    /** On the shared timer thread: settle and cancel only; what follows runs elsewhere. */
    private void timedOut(InFlight attempt, long budget) {
        if (!attempt.settle()) {
            return;
        }
        TimeoutException failure = Engine.timedOut(budget);
        record(attempt.index, Outcome.TIMED_OUT, failure, attempt.startNanos, System.nanoTime());
        try {
            Workers.proceed(() -> {
                attempt.abandon();
                next(attempt.index, failure);
            });
        } catch (Throwable cannotContinue) {
            attempt.abandon();
            fail(cannotContinue);
        }
    }

    private void next(int i, Throwable failure) {
        if (i == chain.size() - 1) {
            fail(new AllProvidersFailedException(snapshot()));
        } else {
            attempt(i + 1, failure);
        }
    }

    /** The caller ended the run's future early (see {@link TracedFuture}): stop the attempt in flight. */
    void stop(Throwable reason) {
        stopped = reason;
        InFlight attempt = current;
        if (attempt != null) {
            stop(attempt, reason);
        }
        endNanos = System.nanoTime();
    }

    private void stop(InFlight attempt, Throwable reason) {
        if (attempt.settle()) {
            record(attempt.index, Outcome.STOPPED, reason, attempt.startNanos, System.nanoTime());
        }
        attempt.abandon();
    }

    private void record(int i, Outcome outcome, Throwable failure, long start, long end) {
        Attempt attempt = new Attempt(i, chain.provider(i), chain.method(i), outcome, failure,
                Duration.ofNanos(Math.max(0, end - start)));
        synchronized (attempts) {
            attempts.add(attempt);
        }
    }

    private List<Attempt> snapshot() {
        synchronized (attempts) {
            return List.copyOf(attempts);
        }
    }

    FallbackTrace trace() {
        long end = result.isDone() && endNanos != 0 ? endNanos : System.nanoTime();
        return FallbackTrace.of(snapshot(), Duration.ofNanos(Math.max(0, end - startNanos)));
    }

    /** The stage an async link returned, as a future whose cancellation reaches the provider where it can. */
    @SuppressWarnings("unchecked")
    static CompletableFuture<Object> toFuture(int i, Chain chain, Object stage) {
        if (stage == null) {
            throw Engine.nullStage(chain, i);
        }
        CompletionStage<Object> typed = (CompletionStage<Object>) stage;
        try {
            return typed.toCompletableFuture();
        } catch (UnsupportedOperationException noFutureView) {
            CompletableFuture<Object> copy = new CompletableFuture<>();
            typed.whenComplete((answer, failure) -> {
                if (failure == null) {
                    copy.complete(answer);
                } else {
                    copy.completeExceptionally(failure);
                }
            });
            return copy;
        }
    }
}
