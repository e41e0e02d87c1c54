package com.anthropic.errors;

import com.anthropic.core.http.Headers;
import com.anthropic.models.ErrorType;
import java.util.Optional;

/**
 * Test double of anthropic-java 3.13's {@code AnthropicServiceException}, with the accessors the classification
 * reads, named and typed as in the SDK: {@code int statusCode()}, {@code Headers headers()} and
 * {@code Optional<ErrorType> type()} (the body's {@code error.type}; the SDK reads it from the body's JSON, this
 * double holds it).
 */
public abstract class AnthropicServiceException extends AnthropicException {

    private static final long serialVersionUID = 1L;

    private final transient ErrorType type;

    protected AnthropicServiceException(String message, ErrorType type) {
        super(message, null);
        this.type = type;
    }

    public abstract int statusCode();

    public abstract Headers headers();

    public final Optional<String> requestId() {
        return headers().values("request-id").stream().findFirst();
    }

    public final Optional<ErrorType> type() {
        return Optional.ofNullable(type);
    }

    /**
     * Deprecated in the SDK for {@link #type()}.
     *
     * @return the same as {@link #type()}
     */
    @Deprecated
    public final Optional<ErrorType> errorType() {
        return type();
    }

    public final Optional<String> errorCode() {
        return Optional.empty();
    }
}
