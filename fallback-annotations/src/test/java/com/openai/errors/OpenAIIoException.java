package com.openai.errors;

/**
 * Test double with the fully qualified name of openai-java's I/O exception, so that matching by class name
 * is exercised without the SDK on the class path.
 */
public class OpenAIIoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OpenAIIoException(String message, Throwable cause) {
        super(message, cause);
    }
}
