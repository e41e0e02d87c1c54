package dev.llmfallback.clients.springai1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmfallback.Always;
import dev.llmfallback.Failures;
import dev.llmfallback.RetryableOnly;
import dev.llmfallback.clients.ClientClassificationTest;
import dev.llmfallback.clients.Fake;
import dev.llmfallback.examples.fake.Behaviour;
import dev.llmfallback.examples.fake.FakeProvider;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.anthropic.api.AnthropicApi;
import org.springframework.ai.chat.model.StreamingChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Spring AI 1.1's streaming ({@code ChatModel.stream}, on WebClient): what reaches a chain when the provider
 * fails. Pinned as measured, gaps included, so that a change in Spring AI is noticed.
 */
class SpringAi1StreamingErrorTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    // WebClient's own WebClientResponseException: a status and the response headers.
    @Test
    void openAiHttpErrorsCarryTheirStatusAndRetryAfter() {
        Throwable overloaded = streamFailure(FakeProvider.openAi(Behaviour.overloaded()), false);
        assertThat(Failures.statusCode(overloaded)).isEqualTo(OptionalInt.of(529));
        assertThat(RetryableOnly.INSTANCE.shouldSkip(overloaded)).isTrue();

        Throwable rateLimited = streamFailure(FakeProvider.openAi(Behaviour.rateLimited(Duration.ofSeconds(7))), false);
        assertThat(Failures.statusCode(rateLimited)).isEqualTo(OptionalInt.of(429));
        assertThat(Failures.retryAfter(rateLimited)).contains(Duration.ofSeconds(7));
        assertThat(RetryableOnly.INSTANCE.shouldSkip(rateLimited)).isTrue();
    }

    /**
     * The gap SPEC 6 names: the Anthropic streaming path throws a plain {@code RuntimeException} whose message
     * alone names the status, and no message but Spring AI's two exceptions' is read. No status, so every
     * status-based predicate stops; only {@code Always} moves on.
     */
    @ParameterizedTest
    @ValueSource(ints = {529, 429})
    void anthropicHttpErrorIsAPlainRuntimeExceptionWithNoStatus(int status) {
        Behaviour behaviour = status == 429 ? Behaviour.rateLimited(Duration.ofSeconds(7)) : Behaviour.status(status);
        Throwable failure = streamFailure(FakeProvider.anthropic(behaviour), true);

        assertThat(failure.getClass()).isEqualTo(RuntimeException.class);
        assertThat(Failures.statusCode(failure)).isEmpty();
        assertThat(RetryableOnly.INSTANCE.shouldSkip(failure)).isFalse();
        assertThat(Always.INSTANCE.shouldSkip(failure)).isTrue();
    }

    /** Neither model reports an error event inside a stream that began: the stream just ends, with no failure. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void inStreamErrorEndsTheStreamWithoutAFailure(boolean anthropic) {
        try (FakeProvider fake = anthropic ? FakeProvider.anthropic(Behaviour.streamError(529))
                : FakeProvider.openAi(Behaviour.streamError(529))) {
            StreamingChatModel model = anthropic ? anthropic(fake) : openAi(fake);
            List<String> parts = model.stream(ClientClassificationTest.PROMPT).collectList().block(WAIT);
            assertThat(Optional.ofNullable(parts).orElse(List.of())).allMatch(part -> part == null || part.isEmpty());
        }
    }

    private static Throwable streamFailure(FakeProvider provider, boolean anthropic) {
        try (FakeProvider fake = provider) {
            StreamingChatModel model = anthropic ? anthropic(fake) : openAi(fake);
            Throwable failure = catchThrowable(
                    () -> model.stream(ClientClassificationTest.PROMPT).collectList().block(WAIT));
            assertThat(failure).isNotNull();
            assertThat(fake.requestCount()).isEqualTo(1);
            return failure;
        }
    }

    private static StreamingChatModel anthropic(FakeProvider fake) {
        AnthropicApi api = AnthropicApi.builder()
                .baseUrl(Fake.root(fake.port()))
                .apiKey("sk-ant-fake")
                .restClientBuilder(RestClients.withTimeout(WAIT))
                .webClientBuilder(WebClient.builder())
                .build();
        return AnthropicChatModel.builder()
                .anthropicApi(api)
                .defaultOptions(AnthropicChatOptions.builder().model("claude-haiku-4-5").maxTokens(256).build())
                .retryTemplate(RestClients.noRetry())
                .build();
    }

    private static StreamingChatModel openAi(FakeProvider fake) {
        OpenAiApi api = OpenAiApi.builder()
                .baseUrl(Fake.root(fake.port()))
                .apiKey("sk-fake")
                .restClientBuilder(RestClients.withTimeout(WAIT))
                .webClientBuilder(WebClient.builder())
                .build();
        return OpenAiChatModel.builder()
                .openAiApi(api)
                .defaultOptions(OpenAiChatOptions.builder().model("gpt-4o-mini").build())
                .retryTemplate(RestClients.noRetry())
                .build();
    }
}
