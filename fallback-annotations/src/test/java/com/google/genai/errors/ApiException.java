package com.google.genai.errors;

/**
 * Test double of Google GenAI's {@code ApiException}: {@code int code()} is the HTTP status, beside
 * {@code String status()} (the body's {@code RESOURCE_EXHAUSTED}, say), which is not a number.
 */
public class ApiException extends BaseException {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final String status;

    public ApiException(int code, String status, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    public int code() {
        return code;
    }

    public String status() {
        return status;
    }

    public String message() {
        return getMessage();
    }
}
