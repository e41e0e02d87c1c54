package dev.llmfallback.internal;

import dev.llmfallback.AllProvidersFailedException;
import dev.llmfallback.Attempt.Outcome;

/**
 * Runs a {@link Chain}: the one implementation of the rules in the
 * <a href="../package-summary.html#rules">API package documentation</a>, shared by every front door.
 *
 * <p>Stateless and thread-safe; per-call state lives in the calling thread's {@link TraceRecorder}. On the
 * happy path it allocates nothing: the trace is recorded into reused per-thread arrays and turned into an
 * immutable {@link dev.llmfallback.FallbackTrace} only when someone asks for it.
 */
public final class Engine {

    private Engine() {
    }

    /**
     * Runs the chain on the calling thread.
     *
     * @param chain  the chain
     * @param target the receiver (annotated chains) or the input (programmatic chains)
     * @param args   the head's arguments (annotated chains), or {@code null}
     * @return the first link's answer that succeeded
     * @throws Throwable a link's failure unchanged (stop, Error, interrupt), a predicate's own exception,
     *                   or {@link AllProvidersFailedException}
     */
    public static Object run(Chain chain, Object target, Object[] args) throws Throwable {
        TraceRecorder recorder = TraceRecorder.get();
        TraceRecorder.Frame frame = recorder.enter(chain);
        try {
            Throwable previous = null;
            int last = chain.size() - 1;
            for (int i = 0; ; i++) {
                long start = System.nanoTime();
                Object result;
                try {
                    result = chain.invoke(i, target, args, previous, recorder);
                } catch (Throwable failure) {
                    long end = System.nanoTime();
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
                    if (i == last) {
                        throw new AllProvidersFailedException(frame.snapshot().attempts());
                    }
                    previous = failure;
                    continue;
                }
                frame.record(i, Outcome.SUCCEEDED, null, start, System.nanoTime());
                return result;
            }
        } finally {
            recorder.exit(frame);
        }
    }

    /**
     * Errors and interruptions are never judged by a predicate: an outage is not an OutOfMemoryError, and
     * a caller that interrupts wants the chain to end, not to move on. The interrupt flag is set again for
     * an InterruptedException, whose thrower cleared it, so that the caller still sees it.
     */
    private static boolean endsChainUnjudged(Throwable failure) {
        if (failure instanceof Error) {
            return true;
        }
        if (failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return true;
        }
        return Thread.currentThread().isInterrupted();
    }
}
