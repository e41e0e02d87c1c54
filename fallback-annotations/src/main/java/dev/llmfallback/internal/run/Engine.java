package dev.llmfallback.internal.run;

import dev.llmfallback.internal.observe.Observation;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a {@link Chain} on the calling thread, by the {@link Rules}; the entry point of every front door.
 * Async chains are handed to {@link AsyncRun}.
 *
 * <p>Stateless and thread-safe; per-call state lives in the calling thread's {@link TraceStack}. On the happy
 * path without timeouts it allocates nothing: the trace is recorded into reused per-thread arrays and turned
 * into an immutable {@link dev.llmfallback.FallbackTrace} only when someone asks for it. A link with a budget
 * (its own timeout, or what is left of the chain's deadline) runs on a worker of the chain's
 * {@link Scheduler} while the caller waits that long, so that the caller regains control even from a
 * provider that ignores interrupts; the abandoned attempt is cancelled and its late outcome discarded.
 */
public final class Engine {

    private Engine() {
    }

    /**
     * Runs the chain: on the calling thread, or (for an async annotated head) as an {@link AsyncRun}.
     *
     * @param chain  the chain
     * @param target the receiver (annotated chains) or the input (programmatic chains)
     * @param args   the head's arguments (annotated chains), or {@code null}
     * @return the first answer, or for an async head a future of it
     * @throws Throwable a link's failure unchanged (stop, Error, interrupt), a predicate's own exception, or
     *                   {@link dev.llmfallback.AllProvidersFailedException}
     */
    public static Object run(Chain chain, Object target, Object[] args) throws Throwable {
        if (chain.returnsFuture()) {
            return AsyncRun.start(chain, target, args);
        }
        ThreadState thread = ThreadState.get();
        TraceStack traces = thread.traces();
        // Attempts are back to back: one clock read per attempt (the next starts where the last ended).
        long start = chain.scheduler().nanoTime();
        TraceStack.Frame frame = traces.enter(chain, start);
        try {
            return attempts(chain, frame, 0, target, args, null, start, thread);
        } catch (Throwable failure) {
            frame.thrown(failure);
            throw failure;
        } finally {
            traces.exit(frame);
        }
    }

    /**
     * Runs the chain without blocking the caller.
     *
     * @param chain  the chain
     * @param target the input (programmatic chains)
     * @param args   {@code null} (programmatic chains)
     * @return a future completed with the first answer or the chain's failure
     */
    public static CompletableFuture<Object> runAsync(Chain chain, Object target, Object[] args) {
        return AsyncRun.start(chain, target, args);
    }

    /**
     * Starts a chain whose head a weaving front door runs itself, inline, where it was called; the front door
     * then ends it with exactly one of {@link #headAnswered} or {@link #headFailed}, on this thread. Only for a
     * chain whose head {@linkplain Chain#headMayRunInline() may run inline} and {@linkplain Chain#headHealthy() is healthy}.
     *
     * @param chain  the chain, whose head is about to run
     * @param thread the calling thread's state
     * @return the frame to hand to {@link #headAnswered} or {@link #headFailed}
     */
    public static TraceStack.Frame startInline(Chain chain, ThreadState thread) {
        TraceStack.Frame frame = thread.traces().enter(chain, chain.scheduler().nanoTime());
        if (frame.observation() != null) {
            // The head runs in the woven method itself, on this thread: its scopes are active until it ends.
            Observation.Scopes scopes = Rules.started(chain, 0, frame);
            if (scopes != null) {
                frame.inline(scopes, scopes.activate());
            }
        }
        return frame;
    }

    /**
     * Ends a chain started by {@link #startInline} whose head answered.
     *
     * @param frame what {@link #startInline} returned
     */
    public static void headAnswered(TraceStack.Frame frame) {
        if (frame.observation() != null) {
            frame.endInline();
        }
        Rules.succeeded(frame.chain(), 0, frame.startNanos(), frame.chain().scheduler().nanoTime(), frame);
        frame.stack().exit(frame);
    }

    /**
     * Goes on with a chain started by {@link #startInline} whose head threw: judges the failure as
     * {@link #run} would have, and runs the next links.
     *
     * @param frame   what {@link #startInline} returned
     * @param failure what the head threw
     * @param target  the receiver, or {@code null} for a static head
     * @param args    the head's arguments
     * @return the first answer of a later link
     * @throws Throwable as {@link #run}
     */
    public static Object headFailed(TraceStack.Frame frame, Throwable failure, Object target, Object[] args)
            throws Throwable {
        try {
            if (frame.observation() != null) {
                frame.endInline();
            }
            Chain chain = frame.chain();
            long end = chain.scheduler().nanoTime();
            Rules.judge(chain, 0, failure, null, true, frame.startNanos(), end, frame);
            Rules.movedOn(chain, 0, failure, null, frame.startNanos(), end, frame);
            return attempts(chain, frame, 1, target, args, failure, end, frame.stack().owner());
        } catch (Throwable ended) {
            frame.thrown(ended);
            throw ended;
        } finally {
            frame.stack().exit(frame);
        }
    }

    /**
     * Runs links {@code first..} of a chain whose frame is entered, until one answers.
     *
     * @param start when link {@code first} starts: the chain's start, or the end of the attempt before
     */
    private static Object attempts(Chain chain, TraceStack.Frame frame, int first, Object target, Object[] args,
            Throwable previous, long start, ThreadState thread) throws Throwable {
        Scheduler scheduler = chain.scheduler();
        boolean untried = first == 0;
        for (int i = first; ; i++) {
            long budget = Rules.budget(chain, i, frame.startNanos(), start, frame);
            if (chain.hasHealth() && !Rules.admit(chain, i, budget, untried, frame)) {
                continue;
            }
            untried = false;
            if (budget == 0) {
                Object result;
                try {
                    result = invokeHere(chain, i, frame, target, args, previous, thread);
                } catch (Throwable failure) {
                    long end = scheduler.nanoTime();
                    Rules.judge(chain, i, failure, null, true, start, end, frame);
                    Rules.movedOn(chain, i, failure, null, start, end, frame);
                    previous = failure;
                    start = end;
                    continue;
                }
                Rules.succeeded(chain, i, start, scheduler.nanoTime(), frame);
                return result;
            }
            Settled settled;
            try {
                settled = invokeTimed(chain, i, frame, target, args, previous, budget, scheduler);
            } catch (InterruptedException interrupted) {
                throw stopped(chain, i, interrupted, start, frame);
            } catch (Throwable cannotStart) {
                // No worker (RejectedExecutionException, no native thread): the attempt's failure, judged as such.
                settled = Settled.unjudged(cannotStart);
            }
            long end = scheduler.nanoTime();
            if (settled == null
                    || Rules.late(budget, start, end) && !Rules.endsChainWhenLate(settled.failure())) {
                previous = Rules.timedOut(chain, i, budget, start, end, frame);
            } else if (settled.failure() == null) {
                Rules.succeeded(chain, i, start, end, frame);
                return settled.value();
            } else {
                Rules.failed(chain, i, settled.failure(), settled, true, start, end, frame);
                previous = settled.failure();
            }
            start = end;
        }
    }

    /**
     * Interrupted from outside while waiting for link {@code i}: the chain stops unjudged, the flag restored.
     * Out of {@link #attempts}, which {@link #run} can inline only while it stays within C2's FreqInlineSize.
     *
     * @return never: {@link Rules#failed} throws {@code interrupted}
     */
    private static Throwable stopped(Chain chain, int i, InterruptedException interrupted, long start,
            TraceStack.Frame frame) throws Throwable {
        Rules.failed(chain, i, interrupted, null, true, start, chain.scheduler().nanoTime(), frame);
        return interrupted;
    }

    /**
     * Starts link {@code i}'s attempt and runs it on the caller's thread, waiting for an async link's stage.
     * Takes the chain and the index rather than the link so that {@link #attempts} stays small enough to be
     * inlined (C2's FreqInlineSize).
     */
    private static Object invokeHere(Chain chain, int i, TraceStack.Frame frame, Object target, Object[] args,
            Throwable previous, ThreadState thread) throws Throwable {
        Link link = chain.link(i);
        Object result = Rules.invoke(link, target, args, previous, thread, Rules.started(chain, i, frame));
        if (!link.async()) {
            return result;
        }
        CompletableFuture<Object> stage = toFuture(link, result);
        if (stage.isDone() && !stage.isCompletedExceptionally()) {
            return stage.getNow(null);
        }
        Settled settled;
        try {
            // Through handle(), not get() on the stage: get() wraps a failure in an ExecutionException.
            settled = stage.handle(Engine::unjudged).get();
        } catch (InterruptedException interrupted) {
            stage.cancel(true);
            throw interrupted;
        }
        if (settled.failure() != null) {
            throw settled.failure();
        }
        return settled.value();
    }

    /**
     * Runs a link so that the caller gets control back after {@code budget} nanoseconds.
     *
     * @return how it ended, judged where it ended; {@code null} if it did not end in time
     */
    private static Settled invokeTimed(Chain chain, int i, TraceStack.Frame frame, Object target, Object[] args,
            Throwable previous, long budget, Scheduler scheduler) throws InterruptedException {
        Link link = chain.link(i);
        Observation.Scopes scopes = Rules.started(chain, i, frame);
        CompletableFuture<Object> stage = null;
        Future<Settled> attempt;
        if (link.async()) {
            try {
                stage = toFuture(link, Rules.invoke(link, target, args, previous, ThreadState.get(), scopes));
            } catch (Throwable thrown) {
                return Settled.unjudged(Rules.unwrap(thrown));
            }
            attempt = stage.handle((answer, failure) -> failure == null ? Settled.answered(answer)
                    : Settled.judging(link, Rules.unwrap(failure), false));
        } else {
            attempt = scheduler.submit(() -> onWorker(link, target, args, previous, scopes),
                    scheduler.captureContext());
        }
        try {
            return attempt.get(budget, TimeUnit.NANOSECONDS);
        } catch (TimeoutException expired) {
            abandon(attempt, stage);
            return null;
        } catch (ExecutionException notSettled) {
            // The task settles every failure itself; only the scheduler's own failure gets here.
            return Settled.unjudged(notSettled.getCause());
        } catch (InterruptedException interrupted) {
            // Interrupted from outside: abandon the attempt; the run stops with the flag kept.
            abandon(attempt, stage);
            throw interrupted;
        }
    }

    private static void abandon(Future<?> attempt, CompletableFuture<?> stage) {
        attempt.cancel(true);
        if (stage != null) {
            stage.cancel(true);
        }
    }

    /**
     * Runs a link on a worker thread and judges its failure there, within the attempt's budget. Never throws.
     *
     * @return how the attempt ended
     */
    static Settled onWorker(Link link, Object target, Object[] args, Throwable previous, Observation.Scopes scopes) {
        ThreadState thread = ThreadState.get();
        try {
            return Settled.answered(Rules.invoke(link, target, args, previous, thread, scopes));
        } catch (Throwable failure) {
            return Settled.judging(link, failure, true);
        } finally {
            // A pooled worker serves unrelated requests next: what a chain nested in this attempt recorded
            // must not show up in theirs, nor keep their classes reachable.
            thread.clearIfIdle();
        }
    }

    private static Settled unjudged(Object answer, Throwable failure) {
        return failure == null ? Settled.answered(answer) : Settled.unjudged(Rules.unwrap(failure));
    }

    /**
     * The stage an async link returned, as a future whose cancellation reaches the provider where it can.
     *
     * @throws NullPointerException if the link returned {@code null}
     */
    @SuppressWarnings("unchecked")
    static CompletableFuture<Object> toFuture(Link link, Object stage) {
        if (stage == null) {
            throw new NullPointerException(link.method() + " returned null instead of a CompletionStage");
        }
        CompletionStage<Object> typed = (CompletionStage<Object>) stage;
        try {
            return typed.toCompletableFuture();
        } catch (UnsupportedOperationException noFutureView) {
            CompletableFuture<Object> copy = new CompletableFuture<>();
            typed.handle((answer, failure) -> failure == null ? copy.complete(answer) : copy.completeExceptionally(failure));
            return copy;
        }
    }
}
