package dev.langchain4j.exception;

/** Test double of langchain4j 1.x's {@code UnresolvedModelServerException}: its exception mapper throws it around the root cause {@code java.nio.channels.UnresolvedAddressException} when the host name does not resolve. */
public class UnresolvedModelServerException extends NonRetriableException {

    private static final long serialVersionUID = 1L;

    public UnresolvedModelServerException(String message) {
        super(message);
    }

    public UnresolvedModelServerException(Throwable cause) {
        super(cause);
    }

    public UnresolvedModelServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
