package com.anthropic.errors;

/** Test double of anthropic-java's base exception. */
public class AnthropicException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AnthropicException(String message, Throwable cause) {
        super(message, cause);
    }

    public AnthropicException(String message) {
        super(message);
    }
}
