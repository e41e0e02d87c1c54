package com.anthropic.errors;

import com.anthropic.core.http.Headers;
import com.anthropic.models.ErrorType;

/** Test double of anthropic-java's {@code PaymentRequiredException}: HTTP 402, {@code billing_error}. */
public final class PaymentRequiredException extends AnthropicServiceException {

    private static final long serialVersionUID = 1L;

    private final transient Headers headers;

    public PaymentRequiredException(Headers headers) {
        super("402: billing", ErrorType.BILLING_ERROR);
        this.headers = headers;
    }

    @Override
    public int statusCode() {
        return 402;
    }

    @Override
    public Headers headers() {
        return headers;
    }
}
