package dev.llmfallback.examples.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One provider's wire format: the path it serves, the headers it requires, and the JSON and headers of its
 * answers and errors, as the real API sends them (Anthropic Messages; OpenAI Chat Completions; OpenAI
 * Responses).
 */
enum Dialect {

    /** Anthropic Messages: {@code POST /v1/messages}, {@code x-api-key} and {@code anthropic-version}. */
    ANTHROPIC("anthropic", "/v1/messages", "") {
        @Override
        String missingCredentials(Map<String, String> headers) {
            if (headers.get("x-api-key") == null && headers.get("authorization") == null) {
                return "x-api-key header is required";
            }
            return null;
        }

        @Override
        String missingVersion(Map<String, String> headers) {
            return headers.get("anthropic-version") == null ? "anthropic-version: header is required" : null;
        }

        @Override
        String successBody(long sequence, String model, String text, int inputTokens, int outputTokens) {
            ObjectNode body = JSON.createObjectNode();
            body.put("id", String.format("msg_fake%018d", sequence));
            body.put("type", "message");
            body.put("role", "assistant");
            body.put("model", model);
            ArrayNode content = body.putArray("content");
            content.addObject().put("type", "text").put("text", text);
            body.put("stop_reason", "end_turn");
            body.putNull("stop_sequence");
            ObjectNode usage = body.putObject("usage");
            usage.put("input_tokens", inputTokens);
            usage.put("cache_creation_input_tokens", 0);
            usage.put("cache_read_input_tokens", 0);
            usage.put("output_tokens", outputTokens);
            usage.put("service_tier", "standard");
            return body.toString();
        }

        @Override
        Map<String, String> successHeaders(long sequence, Duration latency) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("request-id", requestId(sequence));
            headers.put("anthropic-organization-id", "00000000-0000-4000-8000-00000000fa4e");
            return headers;
        }

        @Override
        String errorBody(long sequence, int status, String model, String detail) {
            ObjectNode body = JSON.createObjectNode();
            body.put("type", "error");
            ObjectNode error = body.putObject("error");
            error.put("type", errorType(status));
            error.put("message", detail != null ? detail : errorMessage(status, model));
            body.put("request_id", requestId(sequence));
            return body.toString();
        }

        @Override
        String streamStart(long sequence, String model, int inputTokens) {
            ObjectNode start = JSON.createObjectNode();
            start.put("type", "message_start");
            ObjectNode message = start.putObject("message");
            message.put("id", String.format("msg_fake%018d", sequence));
            message.put("type", "message");
            message.put("role", "assistant");
            message.put("model", model);
            message.putArray("content");
            message.putNull("stop_reason");
            message.putNull("stop_sequence");
            ObjectNode usage = message.putObject("usage");
            usage.put("input_tokens", inputTokens);
            usage.put("cache_creation_input_tokens", 0);
            usage.put("cache_read_input_tokens", 0);
            usage.put("output_tokens", 1);
            return event("message_start", start.toString()) + event("ping", "{\"type\": \"ping\"}");
        }

        @Override
        String streamError(long sequence, int status, String model) {
            return event("error", errorBody(sequence, status, model, null));
        }

        @Override
        String streamText(long sequence, String model, java.util.List<String> pieces) {
            StringBuilder events = new StringBuilder(event("content_block_start",
                    "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
            for (String piece : pieces) {
                ObjectNode delta = JSON.createObjectNode();
                delta.put("type", "content_block_delta");
                delta.put("index", 0);
                delta.putObject("delta").put("type", "text_delta").put("text", piece);
                events.append(event("content_block_delta", delta.toString()));
            }
            return events.toString();
        }

        @Override
        String streamEnd(long sequence, String model, int outputTokens) {
            return event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                    + event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                            + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + outputTokens + "}}")
                    + event("message_stop", "{\"type\":\"message_stop\"}");
        }

        private String event(String name, String data) {
            return "event: " + name + "\ndata: " + data + "\n\n";
        }

        @Override
        Map<String, String> errorHeaders(long sequence, int status, Duration retryAfter) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("request-id", requestId(sequence));
            if (status == 429) {
                Instant reset = Instant.now().plus(retryAfter);
                headers.put("retry-after", Long.toString(retryAfter.toSeconds()));
                headers.put("anthropic-ratelimit-requests-limit", "50");
                headers.put("anthropic-ratelimit-requests-remaining", "0");
                headers.put("anthropic-ratelimit-requests-reset", DateTimeFormatter.ISO_INSTANT.format(reset));
            }
            return headers;
        }

        private String requestId(long sequence) {
            return String.format("req_fake%016d", sequence);
        }

        // https://docs.claude.com/en/api/errors: one type per documented status; "invalid_request_error" is
        // also used for the other 4xx.
        private String errorType(int status) {
            switch (status) {
                case 401: return "authentication_error";
                case 402: return "billing_error";
                case 403: return "permission_error";
                case 404: return "not_found_error";
                case 413: return "request_too_large";
                case 429: return "rate_limit_error";
                case 504: return "timeout_error";
                case 529: return "overloaded_error";
                default: return status >= 500 ? "api_error" : "invalid_request_error";
            }
        }

        private String errorMessage(int status, String model) {
            switch (status) {
                case 400: return "prompt is too long: 215047 tokens > 200000 maximum";
                case 401: return "invalid x-api-key";
                case 402: return "Your credit balance is too low to access the Anthropic API. "
                        + "Please go to Plans & Billing to upgrade or purchase credits.";
                case 403: return "Your API key does not have permission to use the specified resource.";
                case 404: return "model: " + model;
                case 408: return "Request timed out before the request body was received.";
                case 409: return "A concurrent request conflicted with this one.";
                case 413: return "Request exceeds the maximum allowed number of bytes.";
                case 422: return "The request could not be processed.";
                case 429: return "This request would exceed the rate limit for your organization of 50 requests "
                        + "per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits.";
                case 504: return "Request timed out";
                case 529: return "Overloaded";
                default: return status >= 500 ? "Internal server error" : "Invalid request";
            }
        }
    },

    /** OpenAI Chat Completions: {@code POST /v1/chat/completions}, {@code Authorization: Bearer}. */
    OPENAI("openai", "/v1/chat/completions", "/v1") {
        @Override
        String missingCredentials(Map<String, String> headers) {
            String authorization = headers.get("authorization");
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                return "You didn't provide an API key. You need to provide your API key in an Authorization header "
                        + "using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).";
            }
            return null;
        }

        @Override
        String missingVersion(Map<String, String> headers) {
            return null;
        }

        @Override
        String successBody(long sequence, String model, String text, int inputTokens, int outputTokens) {
            ObjectNode body = JSON.createObjectNode();
            body.put("id", String.format("chatcmpl-fake%016d", sequence));
            body.put("object", "chat.completion");
            body.put("created", Instant.now().getEpochSecond());
            body.put("model", model);
            ObjectNode choice = body.putArray("choices").addObject();
            choice.put("index", 0);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            message.put("content", text);
            message.putNull("refusal");
            message.putArray("annotations");
            choice.putNull("logprobs");
            choice.put("finish_reason", "stop");
            ObjectNode usage = body.putObject("usage");
            usage.put("prompt_tokens", inputTokens);
            usage.put("completion_tokens", outputTokens);
            usage.put("total_tokens", inputTokens + outputTokens);
            usage.putObject("prompt_tokens_details").put("cached_tokens", 0).put("audio_tokens", 0);
            usage.putObject("completion_tokens_details").put("reasoning_tokens", 0).put("audio_tokens", 0)
                    .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
            body.put("service_tier", "default");
            body.put("system_fingerprint", "fp_fake0000");
            return body.toString();
        }

        @Override
        Map<String, String> successHeaders(long sequence, Duration latency) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("x-request-id", requestId(sequence));
            headers.put("openai-organization", "org-fake");
            headers.put("openai-processing-ms", Long.toString(latency.toMillis()));
            headers.put("openai-version", "2020-10-01");
            headers.put("x-ratelimit-limit-requests", "500");
            headers.put("x-ratelimit-remaining-requests", "499");
            headers.put("x-ratelimit-reset-requests", "120ms");
            return headers;
        }

        @Override
        String errorBody(long sequence, int status, String model, String detail) {
            ObjectNode body = JSON.createObjectNode();
            ObjectNode error = body.putObject("error");
            error.put("message", detail != null ? detail : errorMessage(status, model));
            error.put("type", errorType(status));
            if (status == 400) {
                error.put("param", "messages");
            } else {
                error.putNull("param");
            }
            String code = errorCode(status);
            if (code == null) {
                error.putNull("code");
            } else {
                error.put("code", code);
            }
            return body.toString();
        }

        @Override
        String streamStart(long sequence, String model, int inputTokens) {
            ObjectNode chunk = chunk(sequence, model);
            chunk.withArray("choices").addObject().put("index", 0).<ObjectNode>set("delta",
                    JSON.createObjectNode().put("role", "assistant").put("content", "")).putNull("logprobs")
                    .putNull("finish_reason");
            return "data: " + chunk + "\n\n";
        }

        @Override
        String streamText(long sequence, String model, java.util.List<String> pieces) {
            StringBuilder chunks = new StringBuilder();
            for (String piece : pieces) {
                ObjectNode chunk = chunk(sequence, model);
                chunk.withArray("choices").addObject().put("index", 0).<ObjectNode>set("delta",
                        JSON.createObjectNode().put("content", piece)).putNull("logprobs").putNull("finish_reason");
                chunks.append("data: ").append(chunk).append("\n\n");
            }
            return chunks.toString();
        }

        @Override
        String streamEnd(long sequence, String model, int outputTokens) {
            ObjectNode chunk = chunk(sequence, model);
            chunk.withArray("choices").addObject().put("index", 0).<ObjectNode>set("delta", JSON.createObjectNode())
                    .putNull("logprobs").put("finish_reason", "stop");
            return "data: " + chunk + "\n\n" + "data: [DONE]\n\n";
        }

        private ObjectNode chunk(long sequence, String model) {
            ObjectNode chunk = JSON.createObjectNode();
            chunk.put("id", String.format("chatcmpl-fake%016d", sequence));
            chunk.put("object", "chat.completion.chunk");
            chunk.put("created", Instant.now().getEpochSecond());
            chunk.put("model", model);
            chunk.put("system_fingerprint", "fp_fake0000");
            chunk.putArray("choices");
            return chunk;
        }

        // Chat Completions streams report an error as a data line holding the same error object as an HTTP error.
        @Override
        String streamError(long sequence, int status, String model) {
            return "data: " + errorBody(sequence, status, model, null) + "\n\n";
        }

        @Override
        Map<String, String> errorHeaders(long sequence, int status, Duration retryAfter) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("x-request-id", requestId(sequence));
            if (status == 429) {
                headers.put("retry-after", Long.toString(retryAfter.toSeconds()));
                headers.put("x-ratelimit-limit-requests", "500");
                headers.put("x-ratelimit-remaining-requests", "0");
                headers.put("x-ratelimit-reset-requests", retryAfter.toSeconds() + "s");
            }
            return headers;
        }

        private String requestId(long sequence) {
            return String.format("req_fake%024d", sequence);
        }

        private String errorType(int status) {
            switch (status) {
                case 402: return "insufficient_quota";
                case 403: return "request_forbidden";
                case 429: return "requests";
                default: return status >= 500 ? "server_error" : "invalid_request_error";
            }
        }

        private String errorCode(int status) {
            switch (status) {
                case 400: return "context_length_exceeded";
                case 401: return "invalid_api_key";
                case 402: return "insufficient_quota";
                case 403: return "unsupported_country_region_territory";
                case 404: return "model_not_found";
                case 429: return "rate_limit_exceeded";
                default: return null;
            }
        }

        private String errorMessage(int status, String model) {
            switch (status) {
                case 400: return "This model's maximum context length is 128000 tokens. However, your messages "
                        + "resulted in 215047 tokens. Please reduce the length of the messages.";
                case 401: return "Incorrect API key provided: sk-fake. You can find your API key at "
                        + "https://platform.openai.com/account/api-keys.";
                case 402: return "You exceeded your current quota, please check your plan and billing details.";
                case 403: return "Country, region, or territory not supported";
                case 404: return "The model `" + model + "` does not exist or you do not have access to it.";
                case 408: return "Request timed out.";
                case 409: return "Another request is already being processed for this resource.";
                case 413: return "Request too large.";
                case 422: return "The request could not be processed.";
                case 429: return "Rate limit reached for " + model + " in organization org-fake on requests per "
                        + "min (RPM): Limit 500, Used 500, Requested 1. Please try again later.";
                case 503: return "The server is overloaded or not ready yet.";
                default: return status >= 500
                        ? "The server had an error while processing your request. Sorry about that!"
                        : "Invalid request.";
            }
        }
    },

    /**
     * OpenAI Responses: {@code POST /v1/responses}, {@code Authorization: Bearer}; its HTTP errors are Chat
     * Completions' (the same error object). A stream is named events ({@code event:} and {@code data:} lines):
     * {@code response.created}, {@code response.in_progress}, the message item and its text part added, one
     * {@code response.output_text.delta} per piece, then the part, the item and {@code response.completed}. An
     * in-stream failure is an {@code error} event, which openai-java hands over as an event, not an exception.
     */
    OPENAI_RESPONSES("openai", "/v1/responses", "/v1") {
        @Override
        String missingCredentials(Map<String, String> headers) {
            return OPENAI.missingCredentials(headers);
        }

        @Override
        String missingVersion(Map<String, String> headers) {
            return null;
        }

        @Override
        String successBody(long sequence, String model, String text, int inputTokens, int outputTokens) {
            return response(sequence, model, "completed", text, inputTokens, outputTokens).toString();
        }

        @Override
        Map<String, String> successHeaders(long sequence, Duration latency) {
            return OPENAI.successHeaders(sequence, latency);
        }

        @Override
        String errorBody(long sequence, int status, String model, String detail) {
            return OPENAI.errorBody(sequence, status, model, detail);
        }

        @Override
        Map<String, String> errorHeaders(long sequence, int status, Duration retryAfter) {
            return OPENAI.errorHeaders(sequence, status, retryAfter);
        }

        @Override
        String streamStart(long sequence, String model, int inputTokens) {
            ObjectNode item = message(sequence, "in_progress");
            ObjectNode itemAdded = event("response.output_item.added", 2).put("output_index", 0);
            itemAdded.set("item", item);
            ObjectNode partAdded = event("response.content_part.added", 3).put("item_id", itemId(sequence))
                    .put("output_index", 0).put("content_index", 0);
            partAdded.set("part", textPart(""));
            return sse(event("response.created", 0).set("response", response(sequence, model, "in_progress", null, 0, 0)))
                    + sse(event("response.in_progress", 1).set("response",
                            response(sequence, model, "in_progress", null, 0, 0)))
                    + sse(itemAdded) + sse(partAdded);
        }

        @Override
        String streamText(long sequence, String model, java.util.List<String> pieces) {
            StringBuilder events = new StringBuilder();
            for (int i = 0; i < pieces.size(); i++) {
                ObjectNode delta = event("response.output_text.delta", 4 + i).put("item_id", itemId(sequence))
                        .put("output_index", 0).put("content_index", 0).put("delta", pieces.get(i));
                delta.putArray("logprobs");
                events.append(sse(delta));
            }
            return events.toString();
        }

        @Override
        String streamEnd(long sequence, String model, int outputTokens) {
            // The pieces are the answer's words: the events after them are numbered on from there.
            int next = 4 + outputTokens;
            return sse(event("response.completed", next).set("response",
                    response(sequence, model, "completed", null, 0, outputTokens)));
        }

        // An in-stream failure: the error event, with the code a failed response carries for that status.
        @Override
        String streamError(long sequence, int status, String model) {
            ObjectNode error = event("error", 4).put("code", status == 429 ? "rate_limit_exceeded" : "server_error")
                    .put("message", status == 429 ? "Rate limit reached for " + model + "."
                            : "The server had an error while processing your request. Sorry about that!");
            error.putNull("param");
            return sse(error);
        }

        private ObjectNode event(String type, int sequenceNumber) {
            return JSON.createObjectNode().put("type", type).put("sequence_number", sequenceNumber);
        }

        private String sse(ObjectNode event) {
            return "event: " + event.path("type").asText() + "\ndata: " + event + "\n\n";
        }

        private String itemId(long sequence) {
            return String.format("msg_fake%016d", sequence);
        }

        private ObjectNode textPart(String text) {
            ObjectNode part = JSON.createObjectNode().put("type", "output_text").put("text", text);
            part.putArray("annotations");
            return part;
        }

        private ObjectNode message(long sequence, String status) {
            ObjectNode message = JSON.createObjectNode().put("id", itemId(sequence)).put("type", "message")
                    .put("status", status).put("role", "assistant");
            message.putArray("content");
            return message;
        }

        /** A Response object; {@code text} null for one whose output is not known yet (or not repeated). */
        private ObjectNode response(long sequence, String model, String status, String text, int inputTokens,
                int outputTokens) {
            ObjectNode response = JSON.createObjectNode();
            response.put("id", String.format("resp_fake%016d", sequence));
            response.put("object", "response");
            response.put("created_at", Instant.now().getEpochSecond());
            response.put("status", status);
            response.put("model", model);
            ArrayNode output = response.putArray("output");
            if (text != null) {
                ObjectNode message = message(sequence, "completed");
                message.withArray("content").add(textPart(text));
                output.add(message);
            }
            response.put("parallel_tool_calls", true);
            response.put("tool_choice", "auto");
            response.putArray("tools");
            response.putNull("error");
            response.putNull("incomplete_details");
            response.putNull("instructions");
            response.putObject("metadata");
            response.put("temperature", 1.0);
            response.put("top_p", 1.0);
            if ("completed".equals(status)) {
                ObjectNode usage = response.putObject("usage");
                usage.put("input_tokens", inputTokens);
                usage.putObject("input_tokens_details").put("cached_tokens", 0);
                usage.put("output_tokens", outputTokens);
                usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
                usage.put("total_tokens", inputTokens + outputTokens);
            }
            return response;
        }
    };

    // What a gateway in front of either API (Cloudflare, a load balancer) sends for 502: HTML, not JSON.
    static final String BAD_GATEWAY_HTML = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
            + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n";

    static final ObjectMapper JSON = new ObjectMapper();

    private final String providerName;
    private final String path;
    private final String baseUrlSuffix;

    Dialect(String providerName, String path, String baseUrlSuffix) {
        this.providerName = providerName;
        this.path = path;
        this.baseUrlSuffix = baseUrlSuffix;
    }

    /** The provider's name, e.g. {@code anthropic}. */
    String providerName() {
        return providerName;
    }

    /** The one path this fake serves. */
    String path() {
        return path;
    }

    /** What follows {@code http://host:port} in the base URL the provider's SDK expects. */
    String baseUrlSuffix() {
        return baseUrlSuffix;
    }

    /** Why the request's credentials are missing (the API's own 401 message), or null. Lower-case keys. */
    abstract String missingCredentials(Map<String, String> headers);

    /** Why the request's API version header is missing (the API's own 400 message), or null. */
    abstract String missingVersion(Map<String, String> headers);

    abstract String successBody(long sequence, String model, String text, int inputTokens, int outputTokens);

    abstract Map<String, String> successHeaders(long sequence, Duration latency);

    /** The error JSON for {@code status}; {@code detail} replaces the default message when not null. */
    abstract String errorBody(long sequence, int status, String model, String detail);

    abstract Map<String, String> errorHeaders(long sequence, int status, Duration retryAfter);

    /** The events a stream begins with, before any text: what a provider sends as soon as it accepts. */
    abstract String streamStart(long sequence, String model, int inputTokens);

    /** The in-stream error event for {@code status}: its data is the error JSON of {@link #errorBody}. */
    abstract String streamError(long sequence, int status, String model);

    /**
     * The events that carry the answer's text, one text delta per piece (Anthropic: the text block's start,
     * then its deltas; OpenAI: one content chunk per piece). Follows {@link #streamStart}.
     */
    abstract String streamText(long sequence, String model, java.util.List<String> pieces);

    /** The events that end a stream that answered (Anthropic: block stop, message delta and stop; OpenAI: the
     * finishing chunk and {@code [DONE]}). */
    abstract String streamEnd(long sequence, String model, int outputTokens);

    /**
     * The text of the last user message of a request body in either format ({@code content} a string or an
     * array of blocks with {@code text}), or "" when there is none.
     */
    static String lastUserText(JsonNode request) {
        JsonNode messages = request.path("messages");
        if (messages.isMissingNode()) {
            // The Responses API: "input" is the prompt itself, or a list of messages like the others'.
            JsonNode input = request.path("input");
            if (input.isTextual()) {
                return input.asText();
            }
            messages = input;
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.get(i);
            if (!"user".equals(message.path("role").asText())) {
                continue;
            }
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                return content.asText();
            }
            StringBuilder text = new StringBuilder();
            for (JsonNode block : content) {
                if (block.path("text").isTextual()) {
                    text.append(block.path("text").asText());
                }
            }
            return text.toString();
        }
        return "";
    }
}
