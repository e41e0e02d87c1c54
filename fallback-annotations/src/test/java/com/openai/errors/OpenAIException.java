package com.openai.errors;

/** Test double of openai-java's base exception. */
public class OpenAIException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OpenAIException(String message, Throwable cause) {
        super(message, cause);
    }
}
