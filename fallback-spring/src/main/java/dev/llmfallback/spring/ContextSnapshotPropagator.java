package dev.llmfallback.spring;

import dev.llmfallback.ThreadContextPropagator;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import java.util.Objects;

/**
 * Carries every thread-local that Micrometer's context-propagation knows (each {@code ThreadLocalAccessor} of a
 * {@link ContextRegistry}: the SLF4J MDC, Micrometer's current observation, Spring Security's context, those you
 * register) from the caller onto the worker thread of a timed attempt, and takes it off again when the provider
 * returns. A worker thread sees exactly the caller's captured values: values the caller does not have are cleared
 * there for the attempt.
 *
 * <p>What it cannot carry: a Spring transaction. The transaction's JDBC connection (and JPA entity manager) is bound
 * to the thread that began it, through {@code TransactionSynchronizationManager}, and a connection must not be used by
 * two threads at once; so a provider body running on a worker thread runs outside the caller's transaction, and data
 * access there opens its own connection (or fails, with {@code MANDATORY} propagation). Keep transactional work out
 * of timed provider bodies, or give those links no timeout.
 *
 * <p>The Spring Boot starters (and {@link EnableLlmFallback}) install one over {@link ContextRegistry#getInstance()}
 * when context-propagation is on the class path; {@code llm-fallback.context-propagation.enabled=false} turns it off.
 * Thread-safe.
 */
public final class ContextSnapshotPropagator implements ThreadContextPropagator {

    private final ContextSnapshotFactory snapshots;

    /** Carries what {@link ContextRegistry#getInstance()} knows. */
    public ContextSnapshotPropagator() {
        this(ContextRegistry.getInstance());
    }

    /**
     * Carries what {@code registry} knows.
     *
     * @param registry the accessors to capture and restore with
     */
    public ContextSnapshotPropagator(ContextRegistry registry) {
        this.snapshots = ContextSnapshotFactory.builder()
                .contextRegistry(Objects.requireNonNull(registry, "registry"))
                .clearMissing(true)
                .build();
    }

    @Override
    public Object capture() {
        return snapshots.captureAll();
    }

    @Override
    public Object apply(Object captured) {
        return captured instanceof ContextSnapshot ? ((ContextSnapshot) captured).setThreadLocals() : null;
    }

    @Override
    public void restore(Object previous) {
        if (previous instanceof ContextSnapshot.Scope) {
            ((ContextSnapshot.Scope) previous).close();
        }
    }
}
