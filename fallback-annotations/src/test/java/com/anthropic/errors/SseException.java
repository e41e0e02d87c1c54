package com.anthropic.errors;

import com.anthropic.core.http.Headers;
import com.anthropic.models.ErrorType;

/**
 * Test double of anthropic-java's {@code SseException}: an {@code event: error} received after the stream began,
 * so its {@code statusCode()} is the stream's HTTP 200 and only {@code type()} tells what failed.
 */
public final class SseException extends AnthropicServiceException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final transient Headers headers;

    public SseException(int statusCode, Headers headers, ErrorType type) {
        super("Server-sent event error", type);
        this.statusCode = statusCode;
        this.headers = headers;
    }

    @Override
    public int statusCode() {
        return statusCode;
    }

    @Override
    public Headers headers() {
        return headers;
    }
}
