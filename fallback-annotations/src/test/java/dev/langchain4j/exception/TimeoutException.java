package dev.langchain4j.exception;

/** Test double of langchain4j 1.x's {@code TimeoutException}: its exception mapper throws it around the {@code HttpException} of an HTTP 408 answer, and for the HTTP client's own timeouts. */
public class TimeoutException extends RetriableException {

    private static final long serialVersionUID = 1L;

    public TimeoutException(String message) {
        super(message);
    }

    public TimeoutException(Throwable cause) {
        super(cause);
    }

    public TimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
