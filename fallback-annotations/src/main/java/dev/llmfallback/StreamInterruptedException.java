package dev.llmfallback;

import dev.llmfallback.internal.classify.FailureSummary;
import java.util.Objects;

/**
 * A streaming chain's provider failed after the chain committed to it (SPEC §13): the caller has already
 * received elements of this provider's answer, so the chain does not replace it with another provider's,
 * and says so instead of ending the stream as if it were complete.
 *
 * <p>Thrown by the operation that pulls from the stream {@link FallbackChain#stream} returned. The message
 * names the provider, the number of elements emitted and the failure's type and status; never an element or
 * the input. The cause is the provider's failure, unchanged. Immutable once thrown.
 */
public final class StreamInterruptedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String provider;
    private final long elementsEmitted;
    private final transient FallbackTrace trace;

    /**
     * Creates the exception.
     *
     * @param provider        the committed provider's name
     * @param elementsEmitted how many elements the caller received from it, its preamble included
     * @param trace           the chain's trace up to the commit
     * @param cause           the provider's failure
     */
    public StreamInterruptedException(String provider, long elementsEmitted, FallbackTrace trace, Throwable cause) {
        super("stream from " + Objects.requireNonNull(provider, "provider") + " interrupted after " + elementsEmitted
                + (elementsEmitted == 1 ? " element: " : " elements: ") + FailureSummary.of(cause), cause);
        this.provider = provider;
        this.elementsEmitted = elementsEmitted;
        this.trace = Objects.requireNonNull(trace, "trace");
    }

    /**
     * The provider the chain had committed to.
     *
     * @return its name
     */
    public String provider() {
        return provider;
    }

    /**
     * How many elements the caller received before the failure, the provider's preamble included.
     *
     * @return the count
     */
    public long elementsEmitted() {
        return elementsEmitted;
    }

    /**
     * The chain's trace as it stood at the commit: the attempts that failed over, and the committed one as
     * {@link Attempt.Outcome#SUCCEEDED SUCCEEDED} with its time to the commit point.
     *
     * @return the trace; {@link FallbackTrace#empty()} after deserialization
     */
    public FallbackTrace trace() {
        return trace == null ? FallbackTrace.empty() : trace;
    }
}
