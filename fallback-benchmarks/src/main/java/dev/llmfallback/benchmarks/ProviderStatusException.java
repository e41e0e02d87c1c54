package dev.llmfallback.benchmarks;

/**
 * A provider's HTTP error shaped like the official SDKs' (a public {@code int statusCode()} accessor, no
 * {@code HasStatusCode}), so the engine classifies it the way it classifies anthropic-java's and
 * openai-java's exceptions. Made once and thrown many times: no stack trace, no suppression.
 */
public final class ProviderStatusException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** 529 overloaded: what every fall-over benchmark's first provider throws. */
    public static final ProviderStatusException OVERLOADED = new ProviderStatusException(529);

    private final int statusCode;

    /**
     * Creates the exception.
     *
     * @param statusCode the HTTP status
     */
    public ProviderStatusException(int statusCode) {
        super("HTTP " + statusCode, null, false, false);
        this.statusCode = statusCode;
    }

    /**
     * The HTTP status, read by the engine's classification like an SDK exception's.
     *
     * @return the status
     */
    public int statusCode() {
        return statusCode;
    }

    /**
     * What a hand-written loop checks before moving on: 429 or a 5xx.
     *
     * @param failure any failure
     * @return whether it is worth trying the next provider
     */
    public static boolean retryable(Throwable failure) {
        if (failure instanceof ProviderStatusException) {
            int status = ((ProviderStatusException) failure).statusCode;
            return status == 429 || status >= 500;
        }
        return false;
    }
}
