package dev.llmfallback;

/**
 * A fallback chain is misconfigured: a {@code next} that names no method, a sibling with the wrong
 * parameters or return type, a static/instance mismatch, a cycle, or an unusable predicate class.
 *
 * <p>Thrown on every call of the misconfigured chain, before any provider runs; it is never swallowed
 * and never turned into a fallback. The message names the class, the method, what is wrong and how to
 * fix it. It never contains argument values.
 */
public final class FallbackConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the class, the method, what is wrong and the fix
     */
    public FallbackConfigurationException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the failure that revealed the problem.
     *
     * @param message names the class, the method, what is wrong and the fix
     * @param cause   the underlying failure, for example from instantiating a predicate
     */
    public FallbackConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
