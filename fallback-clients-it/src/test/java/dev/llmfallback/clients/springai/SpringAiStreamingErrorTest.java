package dev.llmfallback.clients.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmfallback.Failures;
import dev.llmfallback.RetryableOnly;
import dev.llmfallback.clients.ClientClassificationTest;
import dev.llmfallback.clients.Fake;
import dev.llmfallback.examples.fake.Behaviour;
import dev.llmfallback.examples.fake.FakeProvider;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.model.StreamingChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * Spring AI 2.0's streaming ({@code ChatModel.stream}) on the SDKs it ships: an HTTP error before the stream,
 * and an error event inside a stream that began with HTTP 200 (the SDKs' {@code SseException}, whose status is
 * the stream's 200 and which is judged by the error type it carries).
 */
class SpringAiStreamingErrorTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("anthropic", Behaviour.overloaded(), 529, true),
                Arguments.of("anthropic", Behaviour.rateLimited(Duration.ofSeconds(7)), 429, true),
                // anthropic-java 2.x's SseException names its error type errorType(), not type() as 3.x does.
                Arguments.of("anthropic", Behaviour.streamError(529), 529, true),
                Arguments.of("anthropic", Behaviour.streamError(500), 500, true),
                Arguments.of("anthropic", Behaviour.streamError(400), 400, false),
                Arguments.of("openai", Behaviour.overloaded(), 529, true),
                Arguments.of("openai", Behaviour.rateLimited(Duration.ofSeconds(7)), 429, true),
                // OpenAI's in-stream error for any 5xx is a server_error: 500.
                Arguments.of("openai", Behaviour.streamError(529), 500, true),
                Arguments.of("openai", Behaviour.streamError(400), 400, false));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("failures")
    void streamingFailureIsJudgedAsSpecified(String provider, Behaviour behaviour, int status, boolean retryable) {
        try (FakeProvider fake = "openai".equals(provider) ? FakeProvider.openAi(behaviour)
                : FakeProvider.anthropic(behaviour)) {
            StreamingChatModel model = "openai".equals(provider) ? openAi(fake) : anthropic(fake);

            Throwable failure = catchThrowable(
                    () -> model.stream(ClientClassificationTest.PROMPT).collectList().block(WAIT));

            assertThat(failure).as("%s %s", provider, behaviour).isNotNull();
            assertThat(Failures.statusCode(failure)).isEqualTo(OptionalInt.of(status));
            assertThat(RetryableOnly.INSTANCE.shouldSkip(failure)).isEqualTo(retryable);
            assertThat(fake.requestCount()).isEqualTo(1);
        }
    }

    private static StreamingChatModel anthropic(FakeProvider fake) {
        return AnthropicChatModel.builder()
                .options(AnthropicChatOptions.builder()
                        .baseUrl(Fake.root(fake.port()))
                        .apiKey("sk-ant-fake")
                        .maxTokens(256)
                        .maxRetries(0)
                        .timeout(WAIT)
                        .build())
                .build();
    }

    private static StreamingChatModel openAi(FakeProvider fake) {
        return OpenAiChatModel.builder()
                .options(OpenAiChatOptions.builder()
                        .baseUrl(Fake.root(fake.port()) + "/v1")
                        .apiKey("sk-fake")
                        .model("gpt-4o-mini")
                        .maxRetries(0)
                        .timeout(WAIT)
                        .build())
                .build();
    }
}
