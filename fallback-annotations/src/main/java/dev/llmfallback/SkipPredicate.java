package dev.llmfallback;

/**
 * Decides whether a failed link's chain moves on to the next link.
 *
 * <p>Asked only for failures that are not an {@link Error}, not an {@link InterruptedException} and not
 * seen while the thread is interrupted: those always end the chain. Implementations must be stateless
 * or thread-safe: one instance is shared by every chain and thread. A predicate that throws ends the
 * chain with its own exception (the judged failure added as suppressed). {@link Failures} has the
 * classification helpers the built-ins use.
 */
@FunctionalInterface
public interface SkipPredicate {

    /**
     * Tells whether the chain should move on from {@code failure}.
     *
     * @param failure what the link threw (or completed with), never {@code null}
     * @return {@code true} to try the next link, {@code false} to stop and rethrow {@code failure}
     */
    boolean shouldSkip(Throwable failure);
}
