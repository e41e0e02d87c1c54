package com.anthropic.errors;

/** Test double of anthropic-java's {@code AnthropicInvalidDataException}. */
public class AnthropicInvalidDataException extends AnthropicException {

    private static final long serialVersionUID = 1L;

    public AnthropicInvalidDataException(String message) {
        super(message);
    }
}
