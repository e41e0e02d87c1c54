package dev.llmfallback.examples.offline;

import dev.llmfallback.HasStatusCode;

/**
 * Stands in for an SDK's status exception in the offline example: an HTTP status and nothing else.
 * Immutable.
 */
public final class ProviderHttpException extends RuntimeException implements HasStatusCode {

    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * Creates the exception.
     *
     * @param status  the HTTP status the provider answered
     * @param message the provider's error text
     */
    public ProviderHttpException(int status, String message) {
        super(message);
        this.status = status;
    }

    @Override
    public int statusCode() {
        return status;
    }
}
