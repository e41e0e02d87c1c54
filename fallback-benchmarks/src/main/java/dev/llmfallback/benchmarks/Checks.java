package dev.llmfallback.benchmarks;

import dev.llmfallback.FallbackTrace;

/** Set-up checks: a benchmark of a front door that did not intercept would measure nothing. */
public final class Checks {

    private Checks() {
    }

    /**
     * Fails unless the call answered after {@code attempts} attempts.
     *
     * @param answer   what the call returned
     * @param trace    the trace right after it
     * @param attempts how many attempts it must have made
     * @param what     the front door, for the message
     */
    public static void answered(String answer, FallbackTrace trace, int attempts, String what) {
        if (answer == null || !trace.succeeded() || trace.attempts().size() != attempts) {
            throw new IllegalStateException(what + " did not run the chain as expected (is it woven?): answer "
                    + answer + ", trace " + trace);
        }
    }

    /**
     * Fails unless {@code actual} is {@code expected}.
     *
     * @param expected the expected answer
     * @param actual   the answer
     * @param what     the front door, for the message
     */
    public static void same(String expected, String actual, String what) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException(what + " answered " + actual + ", expected " + expected);
        }
    }
}
