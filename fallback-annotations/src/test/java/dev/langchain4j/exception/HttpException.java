package dev.langchain4j.exception;

/** Test double of langchain4j 1.x's {@code HttpException}: the HTTP status as {@code int statusCode()}. */
public class HttpException extends LangChain4jException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;

    public HttpException(int statusCode, String message) {
        super(message);
        this.statusCode = statusCode;
    }

    public int statusCode() {
        return statusCode;
    }
}
