package dev.llmfallback.internal.run;

import dev.llmfallback.SkipPredicate;
import dev.llmfallback.internal.health.LinkHealth;
import java.util.Objects;

/**
 * One link of a chain: everything the engine needs to try one provider. Immutable and thread-safe.
 *
 * @param provider     the provider label, for traces, messages and (later) health and metrics
 * @param method       the method label: {@code Class.method} for an annotated link, the provider label for a
 *                     programmatic one
 * @param skipOn       judges this link's failures: move on ({@code true}) or stop
 * @param timeoutNanos the link's own attempt timeout in nanoseconds, 0 for none
 * @param async        whether invoking the link returns a {@code CompletionStage} whose outcome is the attempt's
 * @param invoker      runs the link's own body
 * @param health       the link's provider health, or {@code null} for a link whose policy never cools
 *                     ({@link dev.llmfallback.NoCooldown}): the engine then reads no health at all
 */
public record Link(String provider, String method, SkipPredicate skipOn, long timeoutNanos, boolean async,
        Invoker invoker, LinkHealth health) {

    /**
     * Checks the components.
     *
     * @param provider     the provider label
     * @param method       the method label
     * @param skipOn       the link's predicate
     * @param timeoutNanos the link's own timeout, 0 for none
     * @param async        whether the link answers with a stage
     * @param invoker      runs the link's body
     * @param health       the link's health, or {@code null}
     * @throws NullPointerException     if a component is {@code null}
     * @throws IllegalArgumentException if the timeout is negative
     */
    public Link {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(skipOn, "skipOn");
        Objects.requireNonNull(invoker, "invoker");
        if (timeoutNanos < 0) {
            throw new IllegalArgumentException("negative timeout: " + timeoutNanos);
        }
    }

    /**
     * Runs a link's own body. Implementations are immutable and thread-safe.
     */
    @FunctionalInterface
    public interface Invoker {

        /**
         * Invokes the link once.
         *
         * @param target   the receiver (annotated chains) or the input (programmatic chains)
         * @param args     the head's arguments (annotated chains), or {@code null}
         * @param previous the previous link's failure, or {@code null} for the head
         * @param thread   the state of the thread this runs on
         * @return the link's result; for an async link, its {@code CompletionStage}
         * @throws Throwable whatever the link threw, unchanged
         */
        Object invoke(Object target, Object[] args, Throwable previous, ThreadState thread) throws Throwable;
    }
}
