package com.google.genai.errors;

/** Test double of Google GenAI's base exception. */
public class BaseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BaseException(String message) {
        super(message);
    }
}
