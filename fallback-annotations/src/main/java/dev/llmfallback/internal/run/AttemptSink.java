package dev.llmfallback.internal.run;

import dev.llmfallback.AllProvidersFailedException;
import dev.llmfallback.Attempt.Outcome;
import dev.llmfallback.internal.observe.Observation;

/**
 * Where a run records its attempts: the single point every runner (sync, async) records through, and so
 * the one place later concerns (health, listeners) observe attempts. A sync run records into its thread's
 * reused {@link TraceStack.Frame}; an async run into a list of its own.
 */
interface AttemptSink {

    /**
     * Records link {@code link}'s attempt; only through {@link Rules#record}, which also tells the listeners. Attempts are recorded in link order, one per link at most.
     *
     * @param link    the link's index
     * @param outcome how it ended
     * @param failure what it threw or why it ended, {@code null} on success and for a link not tried
     * @param summary how the failure reads in a trace, computed where it was judged (so that describing the
     *                trace later runs none of the failure's code), or {@code null} to describe it when needed
     * @param start   when it started, on the chain's scheduler clock
     * @param end     when it ended
     */
    void record(int link, Outcome outcome, Throwable failure, String summary, long start, long end);

    /**
     * The exception that ends the chain when every link failed, made of the attempts recorded so far.
     *
     * @return the exception, to be thrown
     */
    AllProvidersFailedException allFailed();

    /**
     * The exception that ends the chain when every link was skipped as unhealthy for a hard reason.
     *
     * @param retryAfter the time left until the earliest recovery
     * @return the exception, to be thrown
     */
    AllProvidersFailedException allUnhealthy(java.time.Duration retryAfter);

    /**
     * Remembers what provider health admitted the attempt now starting as: a probe's ticket, or
     * {@link dev.llmfallback.internal.health.ProviderCell#RUN RUN}. A run has one attempt in flight at a time.
     *
     * @param ticket what {@link dev.llmfallback.internal.health.ProviderCell#admit} answered
     */
    void admitted(long ticket);

    /**
     * What {@link #admitted} remembered for the attempt in flight; {@code RUN} before any.
     *
     * @return the ticket its outcome is reported to provider health with
     */
    long admission();

    /**
     * The run as its listeners see it.
     *
     * @return the run's observation, {@code null} when no one listens
     */
    Observation observation();
}
