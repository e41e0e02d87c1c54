package dev.llmfallback.benchmarks;

import dev.llmfallback.Attempt;
import java.util.Arrays;

/**
 * What a careful hand-written try/catch records about its attempts, the baseline the front doors are measured
 * against: per attempt its index, outcome, failure, start and end, into arrays reused call after call (one
 * per thread), so recording allocates nothing, like the engine's own recorder.
 */
public final class HandTrace {

    private final Attempt.Outcome[] outcomes = new Attempt.Outcome[4];
    private final Throwable[] failures = new Throwable[4];
    private final long[] starts = new long[4];
    private final long[] ends = new long[4];
    private int count;

    /**
     * The baseline itself, the one copy every benchmark calls: try the first provider, and if it fails with
     * a retryable status (429 or 5xx, checked as a hand-written loop would) the second, recording each
     * attempt with its clock reads (two on the happy path, three on a fall-over).
     *
     * @param providers      the providers
     * @param overloadedFirst whether the first provider is {@link Providers#overloaded} (fall-over) rather
     *                       than {@link Providers#primary} (happy path); a constant per benchmark
     * @param prompt         the input
     * @return the first answer
     */
    public String call(Providers providers, boolean overloadedFirst, String prompt) {
        clear();
        long start = System.nanoTime();
        try {
            String answer = overloadedFirst ? providers.overloaded(prompt) : providers.primary(prompt);
            record(Attempt.Outcome.SUCCEEDED, null, start, System.nanoTime());
            return answer;
        } catch (RuntimeException failure) {
            long end = System.nanoTime();
            record(Attempt.Outcome.FAILED, failure, start, end);
            if (!ProviderStatusException.retryable(failure)) {
                throw failure;
            }
            String answer = providers.secondary(prompt);
            record(Attempt.Outcome.SUCCEEDED, null, end, System.nanoTime());
            return answer;
        }
    }

    /** Forgets the previous call's attempts. */
    public void clear() {
        if (count > 0) {
            Arrays.fill(failures, 0, count, null);
            count = 0;
        }
    }

    /**
     * Records one attempt.
     *
     * @param outcome how it ended
     * @param failure its failure, or {@code null}
     * @param start   {@code System.nanoTime()} before it
     * @param end     {@code System.nanoTime()} after it
     */
    public void record(Attempt.Outcome outcome, Throwable failure, long start, long end) {
        int i = count++;
        outcomes[i] = outcome;
        failures[i] = failure;
        starts[i] = start;
        ends[i] = end;
    }

    /**
     * The number of attempts recorded by the last call.
     *
     * @return the count
     */
    public int count() {
        return count;
    }

    /**
     * The elapsed time of the last call's attempts, so the recorded values are used.
     *
     * @return nanoseconds
     */
    public long elapsed() {
        return count == 0 ? 0 : ends[count - 1] - starts[0];
    }

    /**
     * The last attempt's outcome.
     *
     * @return the outcome, or {@code null}
     */
    public Attempt.Outcome lastOutcome() {
        return count == 0 ? null : outcomes[count - 1];
    }
}
