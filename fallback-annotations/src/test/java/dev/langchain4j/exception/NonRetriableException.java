package dev.langchain4j.exception;

/** Test double of langchain4j 1.x's {@code NonRetriableException}. */
public class NonRetriableException extends LangChain4jException {

    private static final long serialVersionUID = 1L;

    public NonRetriableException(String message) {
        super(message);
    }

    public NonRetriableException(Throwable cause) {
        super(cause);
    }

    public NonRetriableException(String message, Throwable cause) {
        super(message, cause);
    }
}
