package com.openai.errors;

import com.openai.core.http.Headers;
import java.util.Optional;

/**
 * Test double of openai-java's {@code SseException}: an error received in the stream after it began, so its
 * {@code statusCode()} is the stream's HTTP 200; the error object's {@code type()} and {@code code()} tell what failed.
 */
public final class SseException extends OpenAIServiceException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final transient Headers headers;
    private final String type;
    private final String code;

    public SseException(int statusCode, Headers headers, String type, String code) {
        super("error");
        this.statusCode = statusCode;
        this.headers = headers;
        this.type = type;
        this.code = code;
    }

    @Override
    public int statusCode() {
        return statusCode;
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
