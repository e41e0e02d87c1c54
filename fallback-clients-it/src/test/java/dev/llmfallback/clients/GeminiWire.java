package dev.llmfallback.clients;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * The Gemini API ({@code POST /v1/models/{model}:generateContent}, or {@code /v1beta}, key in {@code x-goog-api-key}):
 * errors are Google's {@code {"error":{"code":429,"message":...,"status":"RESOURCE_EXHAUSTED","details":[...]}}}.
 * A 429 carries a {@code google.rpc.RetryInfo} detail with the delay, as Gemini's does, and a
 * {@code retry-after} header; the quota case is Gemini's 429 {@code RESOURCE_EXHAUSTED} with a
 * {@code QuotaFailure} detail.
 */
final class GeminiWire implements Wire {

    static final GeminiWire INSTANCE = new GeminiWire();

    private static final ObjectMapper JSON = new ObjectMapper();

    private GeminiWire() {
    }

    @Override
    public String rejects(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (!"POST".equals(request.getMethod()) || !path.matches("/v1(beta)?/models/[^/]+:generateContent")) {
            return request.getMethod() + " " + path;
        }
        return request.getHeaders().get("x-goog-api-key") != null ? null : "no x-goog-api-key";
    }

    @Override
    public MockResponse answer(String text) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode candidate = body.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.putArray("parts").addObject().put("text", text);
        content.put("role", "model");
        candidate.put("finishReason", "STOP");
        candidate.put("index", 0);
        body.putObject("usageMetadata").put("promptTokenCount", 6).put("candidatesTokenCount", 4)
                .put("totalTokenCount", 10);
        body.put("modelVersion", "gemini-2.5-flash");
        body.put("responseId", "fake-response");
        return new MockResponse.Builder().code(200).addHeader("content-type", "application/json; charset=UTF-8")
                .body(body.toString()).build();
    }

    @Override
    public MockResponse error(Case failure) {
        int status = failure.status(Provider.GOOGLE);
        if (status == 502) {
            return Html.badGateway();
        }
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", status);
        error.put("message", message(failure, status));
        error.put("status", grpcStatus(status));
        if (failure == Case.RATE_LIMITED_429) {
            ArrayNode details = error.putArray("details");
            details.addObject().put("@type", "type.googleapis.com/google.rpc.RetryInfo")
                    .put("retryDelay", Case.RETRY_AFTER.toSeconds() + "s");
        } else if (failure == Case.QUOTA) {
            ArrayNode details = error.putArray("details");
            details.addObject().put("@type", "type.googleapis.com/google.rpc.QuotaFailure").putArray("violations")
                    .addObject().put("quotaMetric", "generativelanguage.googleapis.com/generate_content_free_tier_requests")
                    .put("quotaId", "GenerateRequestsPerDayPerProjectPerModel-FreeTier");
        }
        MockResponse.Builder response = new MockResponse.Builder().code(status)
                .addHeader("content-type", "application/json; charset=UTF-8").body(body.toString());
        failure.retryAfterSent().ifPresent(wait -> response.addHeader("retry-after", Long.toString(wait.toSeconds())));
        return response.build();
    }

    // google.rpc.Code by HTTP status, as Google's APIs map them.
    private static String grpcStatus(int status) {
        switch (status) {
            case 401: return "UNAUTHENTICATED";
            case 403: return "PERMISSION_DENIED";
            case 404: return "NOT_FOUND";
            case 408:
            case 504: return "DEADLINE_EXCEEDED";
            case 409: return "ABORTED";
            case 429: return "RESOURCE_EXHAUSTED";
            case 500: return "INTERNAL";
            case 503:
            case 529: return "UNAVAILABLE";
            default: return "INVALID_ARGUMENT";
        }
    }

    private static String message(Case failure, int status) {
        if (failure == Case.QUOTA) {
            return "You exceeded your current quota, please check your plan and billing details.";
        }
        switch (status) {
            case 401: return "API key not valid. Please pass a valid API key.";
            case 403: return "Permission denied.";
            case 404: return "models/gemini-unknown is not found for API version v1beta.";
            case 429: return "Resource has been exhausted (e.g. check quota).";
            case 500: return "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting";
            case 503: return "The model is overloaded. Please try again later.";
            default: return "Request contains an invalid argument.";
        }
    }

    @Override
    public String toString() {
        return "gemini";
    }
}
