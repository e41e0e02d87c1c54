package dev.langchain4j.exception;

/** Test double of langchain4j 1.x's {@code RetriableException}. */
public class RetriableException extends LangChain4jException {

    private static final long serialVersionUID = 1L;

    public RetriableException(String message) {
        super(message);
    }

    public RetriableException(Throwable cause) {
        super(cause);
    }

    public RetriableException(String message, Throwable cause) {
        super(message, cause);
    }
}
