package dev.llmfallback.clients;

import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * OpenAI's spent-quota error, which fallback-examples' {@code FakeProvider} does not send: a 429 whose error
 * has type and code {@code insufficient_quota}, as OpenAI sends it (not a 402). Only errors; the other cases
 * of an OpenAI client are served by {@code FakeProvider}.
 */
final class OpenAiQuotaWire implements Wire {

    static final OpenAiQuotaWire INSTANCE = new OpenAiQuotaWire();

    private static final String BODY = "{\"error\":{\"message\":\"You exceeded your current quota, please check your "
            + "plan and billing details.\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}";

    private OpenAiQuotaWire() {
    }

    @Override
    public String rejects(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        return "POST".equals(request.getMethod()) && path.equals("/v1/chat/completions") ? null
                : request.getMethod() + " " + path;
    }

    @Override
    public MockResponse answer(String text) {
        throw new UnsupportedOperationException("answers come from FakeProvider.openAi()");
    }

    @Override
    public MockResponse error(Case failure) {
        return new MockResponse.Builder().code(429).addHeader("content-type", "application/json")
                .addHeader("x-request-id", "req_fakequota").body(BODY).build();
    }

    @Override
    public String toString() {
        return "openai (quota)";
    }
}
