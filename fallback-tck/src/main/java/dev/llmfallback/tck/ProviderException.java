package dev.llmfallback.tck;

/**
 * Shaped like the SDKs' status exceptions: a public {@code int statusCode()} accessor and nothing else the
 * library knows of (it does not implement {@code HasStatusCode}), so classification goes through the same
 * reflective lookup the real SDKs get.
 */
public class ProviderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public ProviderException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int statusCode() {
        return status;
    }
}
