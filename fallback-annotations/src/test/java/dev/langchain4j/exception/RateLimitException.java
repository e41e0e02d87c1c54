package dev.langchain4j.exception;

/** Test double of langchain4j 1.x's {@code RateLimitException}: thrown around the {@code HttpException} of an HTTP 429. */
public class RateLimitException extends RetriableException {

    private static final long serialVersionUID = 1L;

    public RateLimitException(String message) {
        super(message);
    }

    public RateLimitException(Throwable cause) {
        super(cause);
    }

    public RateLimitException(String message, Throwable cause) {
        super(message, cause);
    }
}
