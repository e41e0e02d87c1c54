package dev.llmfallback.examples.sdk;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.llmfallback.FallbackChain;
import dev.llmfallback.NoCooldown;
import dev.llmfallback.OutageCooldown;
import dev.llmfallback.ProviderFaults;
import java.time.Duration;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * {@link Summarizer}, streaming (SPEC §13): the summary arrives token by token, from Anthropic
 * ({@code createStreaming} of anthropic-java), else OpenAI (openai-java), else the local extractive summary,
 * through a programmatic {@link FallbackChain} of streaming providers.
 *
 * <p>The chain falls over only before the first token: Anthropic's {@code message_start}, {@code ping} and
 * {@code content_block_start}, and OpenAI's role-only chunk, are its preamble, held back until a text delta
 * commits the chain to that provider; an error event or a failed call before that moves on to the next
 * provider, judged by {@link ProviderFaults} as the blocking Summarizer's failures are. Each remote provider
 * has a first-token timeout (a provider that accepts the request and never sends a token is abandoned
 * after it) and {@link OutageCooldown} health, in {@code ProviderHealth.shared()} under the same names as
 * the blocking Summarizer's ({@code anthropic}, {@code openai}), so both kinds of call share what they learn.
 * The elements are each SDK's own events ({@link RawMessageStreamEvent}, {@link ChatCompletionChunk}), or
 * plain words from the local summary; {@link #text(Object)} reads the text of any of them.
 *
 * <p>The SDK clients should retry nothing in place ({@code maxRetries(0)}) and bound a silent connection
 * with a read timeout, not with a request timeout shorter than an answer takes to stream: see
 * {@link ProviderClients#anthropicStreaming}. Thread-safe when its clients are (the SDK clients are).
 */
public final class StreamingSummarizer {

    private static final long MAX_TOKENS = 300;
    private static final String INSTRUCTION = "Summarise the user's text in at most two sentences.";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final AnthropicClient anthropic;
    private final String anthropicModel;
    private final OpenAIClient openAi;
    private final String openAiModel;
    private final FallbackChain<String, Object> chain;

    /**
     * Creates the streaming summarizer over SDK clients built by {@link ProviderClients#anthropicStreaming}
     * and {@link ProviderClients#openAiStreaming} (or configured alike).
     *
     * @param anthropic      the Anthropic client
     * @param anthropicModel the Anthropic model, e.g. {@code claude-haiku-4-5}
     * @param openAi         the OpenAI client
     * @param openAiModel    the OpenAI model, e.g. {@code gpt-4o-mini}
     * @param firstToken     how long each remote provider may take to its first token before the chain moves
     *                       on; positive
     */
    public StreamingSummarizer(AnthropicClient anthropic, String anthropicModel, OpenAIClient openAi,
            String openAiModel, Duration firstToken) {
        this.anthropic = Objects.requireNonNull(anthropic, "anthropic");
        this.anthropicModel = Objects.requireNonNull(anthropicModel, "anthropicModel");
        this.openAi = Objects.requireNonNull(openAi, "openAi");
        this.openAiModel = Objects.requireNonNull(openAiModel, "openAiModel");
        this.chain = FallbackChain.<String, Object>builder()
                .name("streaming-summarizer")
                .streamingProvider("anthropic", this::streamAnthropic, ProviderFaults.INSTANCE, null, firstToken)
                .streamingProvider("openai", this::streamOpenAi, ProviderFaults.INSTANCE, null, firstToken)
                .streamingProvider("local", this::streamLocal)
                .deadline(DEADLINE)
                .health(OutageCooldown.INSTANCE)
                .health("local", NoCooldown.INSTANCE)
                .build();
    }

    /**
     * Streams a summary: Anthropic's, or on a fault of Anthropic's before its first token, OpenAI's, or
     * failing that the local one. Close the stream (try-with-resources): that releases the provider's
     * connection. {@code FallbackTrace.of(stream)} tells who answered.
     *
     * @param text the text to summarise
     * @return the committed provider's events, its preamble first
     * @throws Exception what stopped the chain before a first token (a fault that is the caller's, such as a
     *                   prompt too long), or {@link dev.llmfallback.AllProvidersFailedException}
     */
    public Stream<Object> stream(String text) throws Exception {
        return chain.stream(text);
    }

    /**
     * Anthropic's stream of events for a summary of {@code text}. anthropic-java's
     * {@code StreamResponse.stream()} closes the response (and so the connection) when the stream is closed.
     *
     * @param text the text to summarise
     * @return the events, to be closed
     */
    public Stream<RawMessageStreamEvent> streamAnthropic(String text) {
        StreamResponse<RawMessageStreamEvent> response = anthropic.messages().createStreaming(
                MessageCreateParams.builder()
                        .model(anthropicModel)
                        .maxTokens(MAX_TOKENS)
                        .system(INSTRUCTION)
                        .addUserMessage(text)
                        .build());
        return response.stream();
    }

    /**
     * OpenAI's stream of chunks for a summary of {@code text}. openai-java's {@code StreamResponse.stream()}
     * does not close the response when the stream is closed, and the response is closed when it is
     * garbage-collected, even mid-stream: so the stream closes it, which also keeps it reachable.
     *
     * @param text the text to summarise
     * @return the chunks, to be closed
     */
    public Stream<ChatCompletionChunk> streamOpenAi(String text) {
        com.openai.core.http.StreamResponse<ChatCompletionChunk> response = openAi.chat().completions()
                .createStreaming(ChatCompletionCreateParams.builder()
                        .model(openAiModel)
                        .maxCompletionTokens(MAX_TOKENS)
                        .addSystemMessage(INSTRUCTION)
                        .addUserMessage(text)
                        .build());
        return response.stream().onClose(response::close);
    }

    /**
     * The local extractive summary (see {@link ExtractiveSummary}), word by word: no network, no preamble.
     *
     * @param text the text to summarise
     * @return the words, each after the first with the space before it
     */
    public Stream<String> streamLocal(String text) {
        String[] words = ExtractiveSummary.of(text, 2).split(" ");
        return IntStream.range(0, words.length).mapToObj(i -> i == 0 ? words[i] : " " + words[i]);
    }

    /**
     * The text an element of {@link #stream(String)} carries: an Anthropic text delta's text, an OpenAI
     * chunk's content, a local word; {@code ""} for everything else (the preamble, the end of a message).
     *
     * @param element an element of the summary's stream
     * @return its text, possibly empty
     */
    public static String text(Object element) {
        if (element instanceof RawMessageStreamEvent) {
            return ((RawMessageStreamEvent) element).contentBlockDelta()
                    .flatMap(delta -> delta.delta().text())
                    .map(textDelta -> textDelta.text())
                    .orElse("");
        }
        if (element instanceof ChatCompletionChunk) {
            StringBuilder text = new StringBuilder();
            ((ChatCompletionChunk) element).choices().forEach(choice -> choice.delta().content().ifPresent(text::append));
            return text.toString();
        }
        return element instanceof String ? (String) element : "";
    }
}
