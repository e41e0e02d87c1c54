package dev.llmfallback;

/** A provider failure with an HTTP status, as the engine's tests need one. */
final class StatusFailure extends RuntimeException implements HasStatusCode {
    private static final long serialVersionUID = 1L;
    private final int status;

    StatusFailure(int status) {
        super("HTTP " + status);
        this.status = status;
    }

    @Override
    public int statusCode() {
        return status;
    }
}
