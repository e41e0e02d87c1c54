package dev.llmfallback.examples.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Model;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.llmfallback.Always;
import dev.llmfallback.Failures;
import dev.llmfallback.NetworkErrors;
import dev.llmfallback.ProviderFaults;
import dev.llmfallback.RateLimited;
import dev.llmfallback.RetryableOnly;
import dev.llmfallback.ServerErrors;
import dev.llmfallback.SkipPredicate;
import dev.llmfallback.examples.fake.Behaviour;
import dev.llmfallback.examples.fake.FakeProvider;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The official SDKs' streaming clients against a fake that accepts the request (HTTP 200), begins the stream
 * and then sends the provider's in-stream error event: the SDK throws its {@code SseException}, whose
 * {@code statusCode()} is the stream's 200, and the classification judges it by the error type it carries
 * (SPEC §6): an {@code overloaded_error} moves the chain on exactly as an HTTP 529 would.
 */
class InStreamErrorClassificationTest {

    private static final String PROMPT = "Providers go down mid-stream. Summarise this.";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Decisions of RetryableOnly, ProviderFaults, RateLimited, ServerErrors, NetworkErrors, Always. */
    private static final List<SkipPredicate> PREDICATES = List.of(RetryableOnly.INSTANCE, ProviderFaults.INSTANCE,
            RateLimited.INSTANCE, ServerErrors.INSTANCE, NetworkErrors.INSTANCE, Always.INSTANCE);

    @ParameterizedTest(name = "anthropic-java, in-stream {1}: status {2}, {4}")
    @CsvSource({
        // in-stream error of, its error type, status read, quota or billing, decisions
        "529, overloaded_error,      529, false, next next stop next stop next",
        "429, rate_limit_error,      429, false, next next next stop stop next",
        "500, api_error,             500, false, next next stop next stop next",
        "402, billing_error,         402, true,  stop next stop stop stop next",
        "400, invalid_request_error, 400, false, stop stop stop stop stop next"})
    void anthropicJava_sseException_isJudgedByItsErrorType(int inStream, String errorType, int status, boolean quota,
            String decisions) {
        Throwable failure;
        try (FakeProvider fake = FakeProvider.anthropic(Behaviour.streamError(inStream))) {
            failure = catchThrowable(() -> streamAnthropic(fake));
        }

        assertThat(failure).isInstanceOf(com.anthropic.errors.SseException.class);
        com.anthropic.errors.SseException sse = (com.anthropic.errors.SseException) failure;
        assertThat(sse.statusCode()).as("the SDK's status: the stream's").isEqualTo(200);
        assertThat(sse.type()).hasValueSatisfying(type -> assertThat(type.asString()).isEqualTo(errorType));
        assertClassified(failure, status, quota, decisions);
    }

    @ParameterizedTest(name = "openai-java, in-stream error of a {0}: status {2}, {4}")
    @CsvSource({
        // in-stream error of, its error type, status read, quota or billing, decisions
        "529, server_error,          500, false, next next stop next stop next",
        "503, server_error,          500, false, next next stop next stop next",
        "429, requests,              429, false, next next next stop stop next",
        "402, insufficient_quota,    429, true,  next next next stop stop next",
        "400, invalid_request_error, 400, false, stop stop stop stop stop next"})
    void openAiJava_sseException_isJudgedByItsErrorTypeThenCode(int inStream, String errorType, int status,
            boolean quota, String decisions) {
        Throwable failure;
        try (FakeProvider fake = FakeProvider.openAi(Behaviour.streamError(inStream))) {
            failure = catchThrowable(() -> streamOpenAi(fake));
        }

        assertThat(failure).isInstanceOf(com.openai.errors.SseException.class);
        com.openai.errors.SseException sse = (com.openai.errors.SseException) failure;
        assertThat(sse.statusCode()).as("the SDK's status: the stream's").isEqualTo(200);
        assertThat(sse.type()).hasValue(errorType);
        assertClassified(failure, status, quota, decisions);
    }

    private static void assertClassified(Throwable failure, int status, boolean quota, String decisions) {
        assertThat(Failures.statusCode(failure)).as("statusCode").hasValue(status);
        assertThat(Failures.isNetwork(failure)).as("isNetwork").isFalse();
        assertThat(Failures.isTimeout(failure)).as("isTimeout").isFalse();
        assertThat(Failures.retryAfter(failure)).as("retryAfter").isEmpty();
        assertThat(Failures.isQuotaOrBilling(failure)).as("isQuotaOrBilling").isEqualTo(quota);
        StringBuilder decided = new StringBuilder();
        for (SkipPredicate predicate : PREDICATES) {
            decided.append(decided.length() == 0 ? "" : " ").append(predicate.shouldSkip(failure) ? "next" : "stop");
        }
        assertThat(decided.toString()).as("RetryableOnly ProviderFaults RateLimited ServerErrors NetworkErrors Always")
                .isEqualTo(decisions);
    }

    private static void streamAnthropic(FakeProvider fake) {
        AnthropicClient client = AnthropicOkHttpClient.builder()
                .baseUrl(fake.baseUrl())
                .apiKey("sk-ant-fake")
                .maxRetries(0)
                .timeout(TIMEOUT)
                .build();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(
                MessageCreateParams.builder().model(Model.CLAUDE_HAIKU_4_5).maxTokens(256).addUserMessage(PROMPT)
                        .build())) {
            stream.stream().forEach(event -> { });
        } finally {
            client.close();
        }
    }

    private static void streamOpenAi(FakeProvider fake) {
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(fake.baseUrl())
                .apiKey("sk-fake")
                .maxRetries(0)
                .timeout(TIMEOUT)
                .build();
        try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream = client.chat().completions()
                .createStreaming(ChatCompletionCreateParams.builder().model(ChatModel.GPT_4O_MINI)
                        .addUserMessage(PROMPT).build())) {
            stream.stream().forEach(chunk -> { });
        } finally {
            client.close();
        }
    }
}
