package dev.llmfallback.internal.run;

import dev.llmfallback.Attempt;
import dev.llmfallback.Attempt.Outcome;
import java.util.List;

/**
 * Where a run records its attempts: the single point every runner (sync, async) records through, and so
 * the one place later concerns (health, listeners) observe attempts. A sync run records into its thread's
 * reused {@link TraceStack.Frame}; an async run into a list of its own.
 */
interface AttemptSink {

    /**
     * Records link {@code link}'s attempt. Attempts are recorded in link order, one per link at most.
     *
     * @param link    the link's index
     * @param outcome how it ended
     * @param failure what it threw or why it ended, {@code null} on success and for a link not tried
     * @param start   when it started, on the chain's scheduler clock
     * @param end     when it ended
     */
    void record(int link, Outcome outcome, Throwable failure, long start, long end);

    /**
     * The attempts recorded so far, for {@link dev.llmfallback.AllProvidersFailedException}.
     *
     * @return an immutable list
     */
    List<Attempt> attempts();
}
