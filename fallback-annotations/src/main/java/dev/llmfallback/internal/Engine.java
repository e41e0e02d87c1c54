package dev.llmfallback.internal;

import dev.llmfallback.AllProvidersFailedException;
import dev.llmfallback.Attempt.Outcome;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a {@link Chain}: the one implementation of the rules in the
 * <a href="../package-summary.html#rules">API package documentation</a>, shared by every front door.
 *
 * <p>Stateless and thread-safe; per-call state lives in the calling thread's {@link TraceRecorder}. On the
 * happy path without timeouts it allocates nothing: the trace is recorded into reused per-thread arrays and
 * turned into an immutable {@link dev.llmfallback.FallbackTrace} only when someone asks for it. A link with
 * an effective timeout (its own, or what is left of the chain's deadline) runs on a {@link Workers} thread
 * while the caller waits with that timeout, so the caller regains control even from a provider that
 * ignores interrupts; the abandoned attempt is cancelled and its late outcome discarded. Async chains are
 * run by {@link AsyncRun}.
 */
public final class Engine {

    /** What {@link #invokeTimed} answers when the attempt's time ran out. */
    private static final Object TIMED_OUT = new Object();

    private Engine() {
    }

    /**
     * Runs the chain: on the calling thread, or (for an async annotated head) as an {@link AsyncRun}.
     *
     * @param chain  the chain
     * @param target the receiver (annotated chains) or the input (programmatic chains)
     * @param args   the head's arguments (annotated chains), or {@code null}
     * @return the first answer, or for an async head a future of it
     * @throws Throwable a link's failure unchanged (stop, Error, interrupt), a predicate's own exception,
     *                   or {@link AllProvidersFailedException}
     */
    public static Object run(Chain chain, Object target, Object[] args) throws Throwable {
        if (chain.returnsFuture()) {
            return AsyncRun.start(chain, target, args);
        }
        TraceRecorder recorder = TraceRecorder.get();
        // Attempts are back to back: one clock read per attempt (the next starts where the last ended); the
        // chain's start and end are theirs.
        long start = System.nanoTime();
        TraceRecorder.Frame frame = recorder.enter(chain, start);
        try {
            return attempts(chain, frame, 0, target, args, null, start);
        } finally {
            recorder.exit(frame);
        }
    }

    /**
     * Starts a chain whose head a weaving front door runs itself, inline, where it was called: the front door
     * then runs the head's body and ends the chain with exactly one of {@link #headAnswered} or
     * {@link #headFailed}, on this thread, whatever the body did. Only for a chain that
     * {@linkplain Chain#headRunsInline() allows it}. Saves the re-entry into the woven method through a
     * method handle, and with it the arguments array, on every call that the head answers.
     *
     * @param chain    the chain, whose head is about to run
     * @param recorder the calling thread's recorder
     * @return the token to hand to {@link #headAnswered} or {@link #headFailed}
     */
    static TraceRecorder.Frame startInline(Chain chain, TraceRecorder recorder) {
        return recorder.enter(chain, System.nanoTime());
    }

    /**
     * Ends a chain started by {@link #startInline} whose head answered.
     *
     * @param frame what {@link #startInline} returned
     */
    static void headAnswered(TraceRecorder.Frame frame) {
        frame.record(0, Outcome.SUCCEEDED, null, frame.startNanos(), System.nanoTime());
        frame.recorder().exit(frame);
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
    static Object headFailed(TraceRecorder.Frame frame, Throwable failure, Object target, Object[] args)
            throws Throwable {
        try {
            Chain chain = frame.chain();
            long end = System.nanoTime();
            judge(chain, frame, 0, failure, frame.startNanos(), end);
            return attempts(chain, frame, 1, target, args, failure, end);
        } finally {
            frame.recorder().exit(frame);
        }
    }

    /**
     * Runs links {@code first..} of a chain whose frame is entered, until one answers.
     *
     * @param start when link {@code first} starts: the chain's start, or the end of the attempt before
     */
    private static Object attempts(Chain chain, TraceRecorder.Frame frame, int first, Object target,
            Object[] args, Throwable previous, long start) throws Throwable {
        long deadline = chain.deadlineNanos();
        long deadlineAt = deadline == 0 ? 0 : frame.startNanos() + deadline;
        int last = chain.size() - 1;
        for (int i = first; ; i++) {
            long budget = chain.timeoutNanos(i);
            if (deadline != 0) {
                long left = deadlineAt - start;
                if (left <= 0) {
                    for (int untried = i; untried <= last; untried++) {
                        frame.record(untried, Outcome.NOT_TRIED, null, start, start);
                    }
                    throw new AllProvidersFailedException(frame.snapshot().attempts());
                }
                budget = budget == 0 ? left : Math.min(budget, left);
            }
            Object result;
            try {
                result = budget == 0
                        ? invokeHere(chain, i, target, args, previous, frame.recorder())
                        : invokeTimed(chain, i, target, args, previous, budget);
            } catch (Throwable failure) {
                long end = System.nanoTime();
                judge(chain, frame, i, failure, start, end);
                previous = failure;
                start = end;
                continue;
            }
            if (result == TIMED_OUT) {
                long end = System.nanoTime();
                TimeoutException timedOut = timedOut(end - start);
                frame.record(i, Outcome.TIMED_OUT, timedOut, start, end);
                if (i == last) {
                    throw new AllProvidersFailedException(frame.snapshot().attempts());
                }
                previous = timedOut;
                start = end;
                continue;
            }
            frame.record(i, Outcome.SUCCEEDED, null, start, System.nanoTime());
            return result;
        }
    }

    /**
     * Records link {@code i}'s failure and returns if the chain moves on to the next link; otherwise throws
     * what ends the chain: the failure itself (stop, Error, interrupt), the predicate's own exception, or,
     * after the last link, {@link AllProvidersFailedException}.
     */
    private static void judge(Chain chain, TraceRecorder.Frame frame, int i, Throwable failure, long start,
            long end) throws Throwable {
        if (endsChainUnjudged(failure)) {
            frame.record(i, Outcome.STOPPED, failure, start, end);
            throw failure;
        }
        boolean skip;
        try {
            skip = chain.predicate(i).shouldSkip(failure);
        } catch (Throwable predicateFailure) {
            frame.record(i, Outcome.STOPPED, failure, start, end);
            if (predicateFailure != failure) {
                predicateFailure.addSuppressed(failure);
            }
            throw predicateFailure;
        }
        if (!skip) {
            frame.record(i, Outcome.STOPPED, failure, start, end);
            throw failure;
        }
        frame.record(i, Outcome.FAILED, failure, start, end);
        if (i == chain.size() - 1) {
            throw new AllProvidersFailedException(frame.snapshot().attempts());
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

    private static Object invokeHere(Chain chain, int i, Object target, Object[] args, Throwable previous,
            TraceRecorder recorder) throws Throwable {
        Object result = chain.invoke(i, target, args, previous, recorder);
        if (!chain.isAsync(i)) {
            return result;
        }
        CompletableFuture<?> stage = AsyncRun.toFuture(i, chain, result);
        try {
            return stage.get();
        } catch (ExecutionException failed) {
            throw unwrap(failed);
        } catch (InterruptedException interrupted) {
            stage.cancel(true);
            throw interrupted;
        }
    }

    /** Runs link {@code i} so that the caller gets control back after {@code budget} nanoseconds. */
    private static Object invokeTimed(Chain chain, int i, Object target, Object[] args, Throwable previous,
            long budget) throws Throwable {
        boolean onWorker = !chain.isAsync(i);
        Future<?> attempt = onWorker
                ? Workers.submit(() -> invokeOnWorker(chain, i, target, args, previous))
                : AsyncRun.toFuture(i, chain, chain.invoke(i, target, args, previous, TraceRecorder.get()));
        try {
            return attempt.get(budget, TimeUnit.NANOSECONDS);
        } catch (ExecutionException failed) {
            throw failureOf(failed, onWorker);
        } catch (TimeoutException expired) {
            if (attempt.cancel(true)) {
                return TIMED_OUT;
            }
            // It finished as the timeout fired: its own outcome wins, so there is exactly one.
            try {
                return attempt.get();
            } catch (ExecutionException failed) {
                throw failureOf(failed, onWorker);
            } catch (CancellationException cancelledElsewhere) {
                return TIMED_OUT;
            }
        } catch (InterruptedException interrupted) {
            // Interrupted from outside: abandon the attempt; the engine stops with the flag kept.
            attempt.cancel(true);
            throw interrupted;
        }
    }

    /**
     * A sync provider's failure exactly as it threw it (a CompletionException of its own included); an
     * async provider's from inside the future's wrappers.
     */
    private static Throwable failureOf(ExecutionException failed, boolean onWorker) {
        return onWorker && failed.getCause() != null ? failed.getCause() : unwrap(failed);
    }

    static TimeoutException timedOut(long nanos) {
        return new TimeoutException("attempt timed out after " + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms");
    }

    /** The failure inside the wrappers futures add. */
    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; depth < 8 && (current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null; depth++) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * Errors and interruptions are never judged by a predicate: an outage is not an OutOfMemoryError, and
     * a caller that interrupts wants the chain to end, not to move on. The interrupt flag is set again for
     * an InterruptedException, whose thrower cleared it, so that the caller still sees it.
     */
    static boolean endsChainUnjudged(Throwable failure) {
        if (failure instanceof Error) {
            return true;
        }
        if (failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return true;
        }
        return Thread.currentThread().isInterrupted();
    }

    /** A stage the engine cannot use as the attempt's outcome. */
    static NullPointerException nullStage(Chain chain, int i) {
        return new NullPointerException(chain.method(i) + " returned null instead of a CompletionStage");
    }

    /** Runs link {@code i} on a worker thread; its failures, checked or not, become the future's. */
    static Object invokeOnWorker(Chain chain, int i, Object target, Object[] args, Throwable previous)
            throws Exception {
        TraceRecorder recorder = TraceRecorder.get();
        try {
            return chain.invoke(i, target, args, previous, recorder);
        } catch (Throwable failure) {
            throw Engine.<Exception>sneaky(failure);
        } finally {
            // A pooled worker serves unrelated requests next: what a chain nested in this attempt recorded
            // must not show up in theirs.
            recorder.clearIfIdle();
        }
    }

    @SuppressWarnings("unchecked")
    static <T extends Throwable> T sneaky(Throwable failure) throws T {
        throw (T) failure;
    }
}
