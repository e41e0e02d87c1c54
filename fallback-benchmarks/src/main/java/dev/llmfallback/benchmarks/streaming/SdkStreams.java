package dev.llmfallback.benchmarks.streaming;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Model;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.llmfallback.examples.fake.FakeProvider;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * One fake provider's official SDK client, opening streams the way an application's streaming provider does
 * ({@code createStreaming(...).stream()}; for openai-java, closing the response with the stream). Clients
 * retry nothing in place and time out a silent connection after {@value #READ_TIMEOUT_SECONDS} s. Thread-safe,
 * as the SDK clients are.
 */
final class SdkStreams implements AutoCloseable {

    static final int READ_TIMEOUT_SECONDS = 10;
    private static final Duration READ = Duration.ofSeconds(READ_TIMEOUT_SECONDS);
    private static final Duration WHOLE = Duration.ofSeconds(60);

    private final AnthropicClient anthropic;
    private final OpenAIClient openAi;

    private SdkStreams(AnthropicClient anthropic, OpenAIClient openAi) {
        this.anthropic = anthropic;
        this.openAi = openAi;
    }

    /** A client of {@code fake}'s kind, pointed at it. */
    static SdkStreams of(FakeProvider fake) {
        if (fake.name().equals("anthropic")) {
            return new SdkStreams(AnthropicOkHttpClient.builder().baseUrl(fake.baseUrl()).apiKey("sk-ant-fake")
                    .maxRetries(0)
                    .timeout(com.anthropic.core.Timeout.builder().connect(READ).read(READ).request(WHOLE).build())
                    .build(), null);
        }
        return new SdkStreams(null, OpenAIOkHttpClient.builder().baseUrl(fake.baseUrl()).apiKey("sk-fake")
                .maxRetries(0)
                .timeout(com.openai.core.Timeout.builder().connect(READ).read(READ).request(WHOLE).build())
                .build());
    }

    /** anthropic-java's stream of events for {@code prompt}. */
    Stream<RawMessageStreamEvent> anthropic(String prompt) {
        return anthropic.messages().createStreaming(MessageCreateParams.builder().model(Model.CLAUDE_HAIKU_4_5)
                .maxTokens(256).addUserMessage(prompt).build()).stream();
    }

    /** openai-java's stream of chunks for {@code prompt}, closing its response with the stream. */
    Stream<ChatCompletionChunk> openAi(String prompt) {
        StreamResponse<ChatCompletionChunk> response = openAi.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model(ChatModel.GPT_4O_MINI).addUserMessage(prompt).build());
        return response.stream().onClose(response::close);
    }

    /** The text an event carries: an Anthropic text delta's, an OpenAI chunk's content; else {@code ""}. */
    static String text(Object event) {
        if (event instanceof RawMessageStreamEvent) {
            return ((RawMessageStreamEvent) event).contentBlockDelta().flatMap(delta -> delta.delta().text())
                    .map(text -> text.text()).orElse("");
        }
        if (event instanceof ChatCompletionChunk) {
            StringBuilder text = new StringBuilder();
            ((ChatCompletionChunk) event).choices().forEach(choice -> choice.delta().content().ifPresent(text::append));
            return text.toString();
        }
        return "";
    }

    /** Fails a set-up whose first token is not what the fake sends first. */
    static void expect(String token, String expected, String what) {
        if (!expected.equals(token)) {
            throw new IllegalStateException(what + ": first token " + token + ", expected " + expected);
        }
    }

    @Override
    public void close() {
        if (anthropic != null) {
            anthropic.close();
        }
        if (openAi != null) {
            openAi.close();
        }
    }
}
