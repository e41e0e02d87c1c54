package com.anthropic.errors;

import com.anthropic.core.http.Headers;
import com.anthropic.models.ErrorType;

/** Test double of anthropic-java's {@code RateLimitException}: HTTP 429, {@code rate_limit_error}. */
public final class RateLimitException extends AnthropicServiceException {

    private static final long serialVersionUID = 1L;

    private final transient Headers headers;

    public RateLimitException(Headers headers) {
        super("429: rate limited", ErrorType.RATE_LIMIT_ERROR);
        this.headers = headers;
    }

    @Override
    public int statusCode() {
        return 429;
    }

    @Override
    public Headers headers() {
        return headers;
    }
}
