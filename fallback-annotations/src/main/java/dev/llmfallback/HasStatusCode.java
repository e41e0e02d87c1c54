package dev.llmfallback;

/**
 * Implemented by exceptions that carry an HTTP status code, so that {@link Failures#statusCode(Throwable)}
 * reads it without reflection. Exceptions of SDKs that do not implement it are read through their public
 * accessors instead (see {@link Failures}). An {@link Error} is never read, even one that implements this
 * interface: no predicate ever sees an Error (it ends the chain unjudged).
 *
 * <p>Implementations must return the same value every time.
 */
@FunctionalInterface
public interface HasStatusCode {

    /**
     * The HTTP status of the response this failure reports.
     *
     * @return an HTTP status code, for example 429 or 529
     */
    int statusCode();
}
