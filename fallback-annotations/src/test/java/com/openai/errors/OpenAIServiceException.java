package com.openai.errors;

import com.openai.core.http.Headers;
import java.util.Optional;

/**
 * Test double of openai-java 4.8's {@code OpenAIServiceException}, with its accessors as named and typed in the
 * SDK: {@code int statusCode()}, {@code Headers headers()}, and the body's error object's
 * {@code Optional<String> code()}, {@code param()} and {@code type()}.
 */
public abstract class OpenAIServiceException extends OpenAIException {

    private static final long serialVersionUID = 1L;

    protected OpenAIServiceException(String message) {
        super(message, null);
    }

    public abstract int statusCode();

    public abstract Headers headers();

    public abstract Optional<String> code();

    public abstract Optional<String> param();

    public abstract Optional<String> type();
}
