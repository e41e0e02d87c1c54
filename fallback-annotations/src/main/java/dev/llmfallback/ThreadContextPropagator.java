package dev.llmfallback;

/**
 * Carries the caller's thread-local context (a logging MDC, a security context, a tracing span) onto the
 * worker thread that runs a provider under a timeout or deadline, or a sync provider of an async chain.
 *
 * <p>Why this exists: to regain control from a provider that ignores interrupts, a timed attempt runs on a
 * worker thread, not the caller's, so the provider's body does not see the caller's {@code ThreadLocal}s.
 * llm-fallback never copies thread-locals by itself (it cannot know which are safe to share); each
 * propagator listed in {@code META-INF/services/dev.llmfallback.ThreadContextPropagator} (found once, through
 * {@link java.util.ServiceLoader} with the API's class loader) is asked to. Attempts that run on the
 * caller's thread (no timeout, no deadline) need none of this.
 *
 * <p>Implementations must be thread-safe and must not throw; an exception from one is reported on stderr and that
 * propagator skipped for the attempt. A captured value must not contain the prompt if it is
 * ever logged.
 */
public interface ThreadContextPropagator {

    /**
     * Called on the caller's thread before the attempt is handed to a worker.
     *
     * @return the context to carry, possibly {@code null}
     */
    Object capture();

    /**
     * Called on the worker thread before the provider runs.
     *
     * @param captured what {@link #capture()} returned
     * @return the worker's own previous context, handed back to {@link #restore(Object)}
     */
    Object apply(Object captured);

    /**
     * Called on the worker thread after the provider returned or threw.
     *
     * @param previous what {@link #apply(Object)} returned
     */
    void restore(Object previous);
}
