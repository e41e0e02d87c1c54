package com.anthropic.models;

import com.anthropic.errors.AnthropicInvalidDataException;

/**
 * Test double of anthropic-java's {@code ErrorType}: a value class (not an enum) around the body's
 * {@code error.type} word, read with {@code String asString()}, which throws for a value that is not a string.
 */
public final class ErrorType {

    public static final ErrorType OVERLOADED_ERROR = of("overloaded_error");
    public static final ErrorType RATE_LIMIT_ERROR = of("rate_limit_error");
    public static final ErrorType BILLING_ERROR = of("billing_error");

    private final Object value;

    private ErrorType(Object value) {
        this.value = value;
    }

    public static ErrorType of(String value) {
        return new ErrorType(value);
    }

    /** An error type whose JSON value is not a string, as a malformed body would give. */
    public static ErrorType notAString() {
        return new ErrorType(42);
    }

    public String asString() {
        if (!(value instanceof String)) {
            throw new AnthropicInvalidDataException("Value is not a String");
        }
        return (String) value;
    }

    @Override
    public String toString() {
        return String.valueOf(value);
    }
}
