package dev.llmfallback;

import dev.llmfallback.internal.classify.FailureSummary;
import java.time.Duration;
import java.util.Objects;

/**
 * One attempt of a chain: which link ran, how it ended, and how long it took. Immutable.
 *
 * <p>{@link #toString()} is safe for logs: it shows the failure's type and HTTP status, never its message
 * (an SDK message may quote the request) and never an argument.
 *
 * @param providerIndex the link's position in its chain, from 0 (the head)
 * @param provider      the provider label ({@link LlmFallback#provider()}, else the method name; for a
 *                      {@link FallbackChain}, the provider's name)
 * @param method        annotated chains: the declaring class's simple name and the method name, e.g.
 *                      {@code Summarizer.callOpenAi}; programmatic chains: the provider's name
 * @param outcome       how the attempt ended
 * @param failure       what the attempt threw (for {@link Outcome#TIMED_OUT}, a {@link java.util.concurrent.TimeoutException});
 *                      {@code null} for {@link Outcome#SUCCEEDED} and {@link Outcome#NOT_TRIED}
 * @param duration      how long the attempt took
 */
public record Attempt(int providerIndex, String provider, String method, Outcome outcome, Throwable failure,
        Duration duration) {

    /** How an attempt ended. Later versions may add constants; switch with a default branch. */
    public enum Outcome {
        /** The link returned; its value is the chain's answer. */
        SUCCEEDED,
        /** The link failed and its predicate said to move on. */
        FAILED,
        /**
         * The link failed and the chain ended there: the predicate said stop, an Error or an interrupt, or
         * (async) the caller cancelled the chain's future.
         */
        STOPPED,
        /** The attempt's timeout (or the chain's deadline) expired; the attempt was cancelled and the chain moved on. */
        TIMED_OUT,
        /** The chain's deadline ran out before this link could be tried. */
        NOT_TRIED,
        /**
         * The link was not called: its provider is cooling, being probed by another call, or forced open
         * (SPEC §9, {@link HealthPolicy}). Zero duration, no failure; the trace's {@code toString} says why and
         * for how long.
         */
        SKIPPED_UNHEALTHY
    }

    /**
     * Validates the components.
     *
     * @param providerIndex the link's position, from 0
     * @param provider      the provider label
     * @param method        the method label
     * @param outcome       how the attempt ended
     * @param failure       the failure; {@code null} exactly for SUCCEEDED, NOT_TRIED and SKIPPED_UNHEALTHY
     * @param duration      how long the attempt took
     * @throws IllegalArgumentException for a negative index, or a failure where there is none / none where there is one
     * @throws NullPointerException     for a null label, method, outcome or duration
     */
    public Attempt {
        if (providerIndex < 0) {
            throw new IllegalArgumentException("providerIndex must be >= 0, was " + providerIndex);
        }
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(duration, "duration");
        boolean failureExpected = outcome != Outcome.SUCCEEDED && outcome != Outcome.NOT_TRIED
                && outcome != Outcome.SKIPPED_UNHEALTHY;
        if (failureExpected != (failure != null)) {
            throw new IllegalArgumentException("an attempt has a failure exactly when it was tried and did not succeed");
        }
    }

    /**
     * Tells whether this attempt answered.
     *
     * @return {@code true} for {@link Outcome#SUCCEEDED}
     */
    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }

    /**
     * A log-safe one-liner, e.g. {@code #0 anthropic (Summarizer.callAnthropic) FAILED 529 overloaded in 12 ms}.
     *
     * @return the attempt without any message text or argument
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(64).append('#').append(providerIndex).append(' ').append(provider);
        if (!provider.equals(method)) {
            out.append(" (").append(method).append(')');
        }
        out.append(' ').append(outcome);
        if (outcome == Outcome.NOT_TRIED || outcome == Outcome.SKIPPED_UNHEALTHY) {
            return out.toString();
        }
        if (failure != null && outcome != Outcome.TIMED_OUT) {
            out.append(' ').append(FailureSummary.describe(failure));
        }
        return out.append(" in ").append(FailureSummary.millis(duration)).toString();
    }
}
