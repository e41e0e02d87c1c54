package dev.llmfallback.examples.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The fakes on the wire, seen by a plain HTTP client (the SDK tests see them through the real SDKs). */
class FakeProviderTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANTHROPIC_BODY =
            "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":"
                    + "[{\"type\":\"text\",\"text\":\"First sentence here. Second one.\"}]}]}";
    private static final String OPENAI_BODY =
            "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello world. Bye.\"}]}";

    @Test
    void anthropicAnswer_isAMessageEchoingTheModel() throws Exception {
        try (FakeProvider fake = FakeProvider.anthropic()) {
            HttpResponse<String> response = HTTP.send(anthropic(fake, ANTHROPIC_BODY), HttpResponse.BodyHandlers.ofString());

            JsonNode body = JSON.readTree(response.body());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("request-id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
            assertThat(body.path("type").asText()).isEqualTo("message");
            assertThat(body.path("model").asText()).isEqualTo("claude-haiku-4-5");
            assertThat(body.path("content").get(0).path("text").asText()).isEqualTo("[fake anthropic] First sentence here.");
            assertThat(body.path("stop_reason").asText()).isEqualTo("end_turn");
        }
    }

    @Test
    void openAiAnswer_isAChatCompletion() throws Exception {
        try (FakeProvider fake = FakeProvider.openAi()) {
            HttpResponse<String> response = HTTP.send(openAi(fake, OPENAI_BODY), HttpResponse.BodyHandlers.ofString());

            JsonNode body = JSON.readTree(response.body());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(body.path("object").asText()).isEqualTo("chat.completion");
            assertThat(body.path("choices").get(0).path("message").path("content").asText())
                    .isEqualTo("[fake openai] Hello world.");
            assertThat(body.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        }
    }

    @Test
    void anthropicOverloaded_isTheRealErrorShape() throws Exception {
        try (FakeProvider fake = FakeProvider.anthropic(Behaviour.overloaded())) {
            HttpResponse<String> response = HTTP.send(anthropic(fake, ANTHROPIC_BODY), HttpResponse.BodyHandlers.ofString());

            JsonNode body = JSON.readTree(response.body());
            assertThat(response.statusCode()).isEqualTo(529);
            assertThat(body.path("type").asText()).isEqualTo("error");
            assertThat(body.path("error").path("type").asText()).isEqualTo("overloaded_error");
            assertThat(body.path("error").path("message").asText()).isEqualTo("Overloaded");
            assertThat(body.path("request_id").asText()).startsWith("req_");
        }
    }

    @Test
    void openAiRateLimited_carriesRetryAfterAndTheRealErrorShape() throws Exception {
        try (FakeProvider fake = FakeProvider.openAi(Behaviour.rateLimited(Duration.ofSeconds(3)))) {
            HttpResponse<String> response = HTTP.send(openAi(fake, OPENAI_BODY), HttpResponse.BodyHandlers.ofString());

            JsonNode error = JSON.readTree(response.body()).path("error");
            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.headers().firstValue("retry-after")).hasValue("3");
            assertThat(error.path("type").asText()).isEqualTo("requests");
            assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
            assertThat(error.has("param")).isTrue();
        }
    }

    @Test
    void promptTooLong_isAnInvalidRequestError() throws Exception {
        try (FakeProvider anthropic = FakeProvider.anthropic(Behaviour.promptTooLong());
             FakeProvider openAi = FakeProvider.openAi(Behaviour.promptTooLong())) {
            JsonNode anthropicError = JSON.readTree(HTTP.send(anthropic(anthropic, ANTHROPIC_BODY),
                    HttpResponse.BodyHandlers.ofString()).body()).path("error");
            JsonNode openAiError = JSON.readTree(HTTP.send(openAi(openAi, OPENAI_BODY),
                    HttpResponse.BodyHandlers.ofString()).body()).path("error");

            assertThat(anthropicError.path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(anthropicError.path("message").asText()).startsWith("prompt is too long");
            assertThat(openAiError.path("code").asText()).isEqualTo("context_length_exceeded");
        }
    }

    @Test
    void scriptRunsInOrder_thenTheStandingBehaviour() throws Exception {
        try (FakeProvider fake = FakeProvider.anthropic()) {
            fake.enqueue(Behaviour.overloaded(), Behaviour.status(503));

            assertThat(statusOf(anthropic(fake, ANTHROPIC_BODY))).isEqualTo(529);
            assertThat(statusOf(anthropic(fake, ANTHROPIC_BODY))).isEqualTo(503);
            assertThat(statusOf(anthropic(fake, ANTHROPIC_BODY))).isEqualTo(200);
            assertThat(fake.requestCount()).isEqualTo(3);
        }
    }

    @Test
    void requestsTheRealApiWouldReject_getItsErrors_andConsumeNoScript() throws Exception {
        try (FakeProvider anthropic = FakeProvider.anthropic(); FakeProvider openAi = FakeProvider.openAi()) {
            anthropic.enqueue(Behaviour.overloaded());
            HttpRequest noKey = HttpRequest.newBuilder(URI.create(anthropic.baseUrl() + "/v1/messages"))
                    .header("anthropic-version", "2023-06-01")
                    .POST(HttpRequest.BodyPublishers.ofString(ANTHROPIC_BODY)).build();
            HttpRequest noVersion = HttpRequest.newBuilder(URI.create(anthropic.baseUrl() + "/v1/messages"))
                    .header("x-api-key", "k")
                    .POST(HttpRequest.BodyPublishers.ofString(ANTHROPIC_BODY)).build();
            HttpRequest wrongPath = HttpRequest.newBuilder(URI.create(openAi.baseUrl() + "/completions"))
                    .header("authorization", "Bearer k")
                    .POST(HttpRequest.BodyPublishers.ofString(OPENAI_BODY)).build();

            assertThat(statusOf(noKey)).isEqualTo(401);
            assertThat(statusOf(noVersion)).isEqualTo(400);
            assertThat(statusOf(wrongPath)).isEqualTo(404);
            assertThat(statusOf(anthropic(anthropic, ANTHROPIC_BODY))).isEqualTo(529);
        }
    }

    @Test
    void hang_neverAnswers() {
        try (FakeProvider fake = FakeProvider.openAi(Behaviour.hang())) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/chat/completions"))
                    .header("authorization", "Bearer k")
                    .timeout(Duration.ofMillis(200))
                    .POST(HttpRequest.BodyPublishers.ofString(OPENAI_BODY)).build();

            assertThatThrownBy(() -> HTTP.send(request, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(HttpTimeoutException.class);
        }
    }

    @Test
    void reset_endsTheConnectionWithoutAResponse() {
        try (FakeProvider fake = FakeProvider.anthropic(Behaviour.reset())) {
            assertThatThrownBy(() -> statusOf(anthropic(fake, ANTHROPIC_BODY))).isInstanceOf(IOException.class);
            assertThat(fake.requestCount()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void refuse_closesThePort_andAnotherBehaviourOpensTheSamePortAgain() throws Exception {
        try (FakeProvider fake = FakeProvider.anthropic()) {
            String baseUrl = fake.baseUrl();

            fake.behave(Behaviour.refuse());
            assertThatThrownBy(() -> statusOf(anthropic(fake, ANTHROPIC_BODY))).isInstanceOf(ConnectException.class);

            fake.behave(Behaviour.answer());
            assertThat(statusOf(anthropic(fake, ANTHROPIC_BODY))).isEqualTo(200);
            assertThat(fake.baseUrl()).isEqualTo(baseUrl);
        }
    }

    @Test
    void refuse_cannotBeScripted() {
        try (FakeProvider fake = FakeProvider.openAi()) {
            assertThatThrownBy(() -> fake.enqueue(Behaviour.refuse())).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void closedServer_refusesConnections_andRejectsNewBehaviour() {
        FakeProvider fake = FakeProvider.openAi();
        fake.close();
        fake.close();

        assertThatThrownBy(() -> statusOf(openAi(fake, OPENAI_BODY))).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> fake.behave(Behaviour.answer())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void listensOnLoopbackOnly_onAnEphemeralPort() {
        try (FakeProvider anthropic = FakeProvider.anthropic(); FakeProvider openAi = FakeProvider.openAi()) {
            assertThat(anthropic.baseUrl()).isEqualTo("http://127.0.0.1:" + anthropic.port());
            assertThat(openAi.baseUrl()).isEqualTo("http://127.0.0.1:" + openAi.port() + "/v1");
            assertThat(anthropic.port()).isNotEqualTo(openAi.port()).isPositive();
        }
    }

    private static int statusOf(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void lastRequestBody_isWhatTheClientSent() throws Exception {
        try (FakeProvider fake = FakeProvider.openAi()) {
            assertThat(fake.lastRequestBody()).isEmpty();

            HTTP.send(openAi(fake, OPENAI_BODY), HttpResponse.BodyHandlers.ofString());

            assertThat(fake.lastRequestBody()).isEqualTo(OPENAI_BODY);
        }
    }

    @Test
    void streamingRequest_getsTheAnswerAsServerSentEvents_preambleDeltasEnd() throws Exception {
        try (FakeProvider anthropic = FakeProvider.anthropic(); FakeProvider openAi = FakeProvider.openAi()) {
            HttpResponse<String> a = HTTP.send(anthropic(anthropic, streaming(ANTHROPIC_BODY)),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> o = HTTP.send(openAi(openAi, streaming(OPENAI_BODY)), HttpResponse.BodyHandlers.ofString());

            assertThat(a.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
            assertThat(eventNames(a.body())).containsExactly("message_start", "ping", "content_block_start",
                    "content_block_delta", "content_block_delta", "content_block_delta", "content_block_delta",
                    "content_block_delta", "content_block_stop", "message_delta", "message_stop");
            assertThat(a.body()).contains("\"text\":\"[fake\"", "\"text\":\" here.\"");
            assertThat(o.body()).startsWith("data: {").endsWith("data: [DONE]\n\n")
                    .contains("\"delta\":{\"role\":\"assistant\",\"content\":\"\"}", "\"delta\":{\"content\":\" world.\"}",
                            "\"finish_reason\":\"stop\"");
        }
    }

    @Test
    void streamErrorAfter_sendsThatManyDeltasThenTheErrorEvent() throws Exception {
        try (FakeProvider fake = FakeProvider.anthropic(Behaviour.streamErrorAfter(2, 529))) {
            HttpResponse<String> response = HTTP.send(anthropic(fake, streaming(ANTHROPIC_BODY)),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(eventNames(response.body())).containsExactly("message_start", "ping", "content_block_start",
                    "content_block_delta", "content_block_delta", "error");
            assertThat(response.body()).contains("overloaded_error");
        }
        assertThat(Behaviour.streamErrorAfter(2, 529)).hasToString("200, 2 deltas, then in-stream 529")
                .isNotEqualTo(Behaviour.streamError(529));
        assertThat(Behaviour.streamErrorAfter(0, 529)).isEqualTo(Behaviour.streamError(529));
        assertThatThrownBy(() -> Behaviour.streamErrorAfter(-1, 529)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void streamStall_sendsThePreambleThenNothing_andCountsTheStreamOpenUntilTheClientCloses() throws Exception {
        try (FakeProvider fake = FakeProvider.openAi(Behaviour.streamStall())) {
            HttpResponse<java.io.InputStream> response = HTTP.send(openAi(fake, streaming(OPENAI_BODY)),
                    HttpResponse.BodyHandlers.ofInputStream());
            java.io.BufferedReader lines = new java.io.BufferedReader(
                    new java.io.InputStreamReader(response.body(), java.nio.charset.StandardCharsets.UTF_8));

            assertThat(lines.readLine()).startsWith("data: {").contains("\"role\":\"assistant\"");
            assertThat(lines.readLine()).isEmpty();
            assertThat(lines.readLine()).as("only SSE comments from here on").isEqualTo(": keep-alive");
            assertThat(fake.openStreams()).isEqualTo(1);
            lines.close();

            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (fake.openStreams() > 0 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(fake.openStreams()).as("the fake saw the client close the stream").isZero();
        }
    }

    private static String streaming(String body) {
        return body.replaceFirst("^\\{", "{\"stream\":true,");
    }

    private static java.util.List<String> eventNames(String sse) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (String line : sse.split("\n")) {
            if (line.startsWith("event: ")) {
                names.add(line.substring("event: ".length()));
            }
        }
        return names;
    }

    private static HttpRequest anthropic(FakeProvider fake, String body) {
        return HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/v1/messages"))
                .header("x-api-key", "sk-ant-fake")
                .header("anthropic-version", "2023-06-01")
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest openAi(FakeProvider fake, String body) {
        return HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/chat/completions"))
                .header("authorization", "Bearer sk-fake")
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
