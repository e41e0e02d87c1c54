package com.openai.errors;

import com.openai.core.http.Headers;
import java.util.Optional;

/**
 * Test double of openai-java's {@code RateLimitException}: HTTP 429 with the error object's {@code type()} and
 * {@code code()} ({@code rate_limit_exceeded} for a rate limit, {@code insufficient_quota} for a spent quota).
 */
public final class RateLimitException extends OpenAIServiceException {

    private static final long serialVersionUID = 1L;

    private final transient Headers headers;
    private final String type;
    private final String code;

    public RateLimitException(Headers headers, String type, String code) {
        super("error");
        this.headers = headers;
        this.type = type;
        this.code = code;
    }

    @Override
    public int statusCode() {
        return 429;
    }

    @Override
    public Headers headers() {
        return headers;
    }

    @Override
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    @Override
    public Optional<String> param() {
        return Optional.empty();
    }

    @Override
    public Optional<String> type() {
        return Optional.ofNullable(type);
    }
}
