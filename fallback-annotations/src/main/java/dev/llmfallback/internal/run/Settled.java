package dev.llmfallback.internal.run;

import dev.llmfallback.internal.classify.FailureSummary;

/**
 * How an attempt that ran away from the caller's thread ended (a timed attempt on a worker, an async
 * stage), judged where it ended so that judging, too, is bounded by the attempt's budget: a predicate or a
 * status accessor that hangs makes the attempt time out, not the caller wait. Carries a failure as an object,
 * never wrapped in an {@code ExecutionException} or {@code CompletionException}, whose constructors call the
 * failure's {@code toString}. Immutable.
 *
 * @param value            the answer, when {@code failure} is {@code null}
 * @param failure          what the attempt threw, unwrapped; {@code null} for an answer
 * @param judged           whether {@code skip} or {@code predicateFailure} holds the predicate's verdict
 * @param skip             the predicate's verdict: move on
 * @param predicateFailure what the predicate threw instead of answering
 * @param summary          how the failure reads in a trace, read here too, within the budget; {@code null} when
 *                         not judged here
 */
record Settled(Object value, Throwable failure, boolean judged, boolean skip, Throwable predicateFailure,
        String summary) {

    static Settled answered(Object value) {
        return new Settled(value, null, false, false, null, null);
    }

    /** A failure left for {@link Rules#failed} to judge. */
    static Settled unjudged(Throwable failure) {
        return new Settled(null, failure, false, false, null, null);
    }

    /**
     * A failure judged here by the link's predicate, unless no predicate may judge it: an {@link Error}, an
     * {@link InterruptedException}, or a failure on a worker the run already walked away from (interrupted).
     *
     * @param heedInterrupt whether this thread's interrupt flag means the attempt was abandoned
     */
    static Settled judging(Link link, Throwable failure, boolean heedInterrupt) {
        if (failure instanceof Error || failure instanceof InterruptedException
                || heedInterrupt && Thread.currentThread().isInterrupted()) {
            return unjudged(failure);
        }
        String summary = FailureSummary.of(failure);
        try {
            return new Settled(null, failure, true, link.skipOn().shouldSkip(failure), null, summary);
        } catch (Throwable predicateFailure) {
            return new Settled(null, failure, true, false, predicateFailure, summary);
        }
    }
}
