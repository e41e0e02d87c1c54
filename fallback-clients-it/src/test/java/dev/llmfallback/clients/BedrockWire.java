package dev.llmfallback.clients;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Amazon Bedrock Runtime's Converse API ({@code POST /model/{modelId}/converse}, SigV4-signed) in the AWS
 * JSON protocol: an error names its type in the {@code x-amzn-ErrorType} header (and the body's
 * {@code __type}), with {@code {"message": ...}} as the body and an {@code x-amzn-RequestId} header. The
 * types are Bedrock's own for each status (ThrottlingException 429, ServiceQuotaExceededException 400,
 * ValidationException 400, AccessDeniedException 403, ResourceNotFoundException 404, ModelTimeoutException
 * 408, InternalServerException 500, ServiceUnavailableException 503); statuses Bedrock itself does not send
 * (401, 413, 422, 504, 529) carry the type an AWS front end would give them.
 */
final class BedrockWire implements Wire {

    static final BedrockWire INSTANCE = new BedrockWire();

    private static final ObjectMapper JSON = new ObjectMapper();

    private BedrockWire() {
    }

    @Override
    public String rejects(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (!"POST".equals(request.getMethod()) || !path.startsWith("/model/") || !path.endsWith("/converse")) {
            return request.getMethod() + " " + path;
        }
        String authorization = request.getHeaders().get("authorization");
        return authorization != null && authorization.startsWith("AWS4-HMAC-SHA256 ") ? null : "not SigV4-signed";
    }

    @Override
    public MockResponse answer(String text) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode message = body.putObject("output").putObject("message");
        message.put("role", "assistant");
        message.putArray("content").addObject().put("text", text);
        body.put("stopReason", "end_turn");
        body.putObject("usage").put("inputTokens", 6).put("outputTokens", 4).put("totalTokens", 10);
        body.putObject("metrics").put("latencyMs", 120);
        return new MockResponse.Builder().code(200).addHeader("content-type", "application/json")
                .addHeader("x-amzn-RequestId", UUID.randomUUID().toString()).body(body.toString()).build();
    }

    @Override
    public MockResponse error(Case failure) {
        int status = failure.status(Provider.BEDROCK);
        if (status == 502) {
            return Html.badGateway();
        }
        String type = errorType(failure, status);
        ObjectNode body = JSON.createObjectNode();
        body.put("message", message(type));
        MockResponse.Builder response = new MockResponse.Builder().code(status)
                .addHeader("content-type", "application/json")
                .addHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                .addHeader("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/")
                .body(body.toString());
        failure.retryAfterSent().ifPresent(wait -> response.addHeader("retry-after", Long.toString(wait.toSeconds())));
        return response.build();
    }

    private static String errorType(Case failure, int status) {
        if (failure == Case.QUOTA) {
            return "ServiceQuotaExceededException";
        }
        switch (status) {
            case 401: return "UnrecognizedClientException";
            case 403: return "AccessDeniedException";
            case 404: return "ResourceNotFoundException";
            case 408: return "ModelTimeoutException";
            case 429: return "ThrottlingException";
            case 500: return "InternalServerException";
            case 503:
            case 529: return "ServiceUnavailableException";
            case 504: return "GatewayTimeoutException";
            default: return "ValidationException";
        }
    }

    private static String message(String type) {
        switch (type) {
            case "ServiceQuotaExceededException": return "Your request exceeds the service quota for your account.";
            case "ThrottlingException": return "Too many requests, please wait before trying again.";
            case "AccessDeniedException": return "You don't have access to the model with the specified model ID.";
            case "ResourceNotFoundException": return "The provided model identifier is invalid.";
            case "ModelTimeoutException": return "Model has timed out in processing the request.";
            case "ServiceUnavailableException": return "Bedrock is unable to process your request.";
            case "UnrecognizedClientException": return "The security token included in the request is invalid.";
            default: return "The request failed.";
        }
    }

    @Override
    public String toString() {
        return "bedrock";
    }
}
