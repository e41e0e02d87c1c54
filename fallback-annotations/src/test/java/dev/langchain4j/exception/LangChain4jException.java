package dev.langchain4j.exception;

/** Test double of langchain4j 1.x's {@code LangChain4jException}. */
public class LangChain4jException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LangChain4jException(String message) {
        super(message);
    }

    public LangChain4jException(Throwable cause) {
        super(cause);
    }

    public LangChain4jException(String message, Throwable cause) {
        super(message, cause);
    }
}
