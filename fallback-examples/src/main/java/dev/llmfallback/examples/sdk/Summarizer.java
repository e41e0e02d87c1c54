package dev.llmfallback.examples.sdk;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.llmfallback.LlmFallback;
import dev.llmfallback.OutageCooldown;
import dev.llmfallback.ProviderFaults;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The SPEC §1 summarizer with the real SDKs: Anthropic (anthropic-java), then OpenAI (openai-java), then a
 * local extractive summary that needs no network. Application code calls {@link #callAnthropic(String)}
 * and nothing else; {@code FallbackTrace.current()} tells afterwards who answered.
 *
 * <p>Wired the recommended way (docs/PROVIDERS.md):
 * <ul>
 *   <li>The SDK clients retry nothing in place ({@code maxRetries(0)}) and time out on their own, a little
 *       before the per-attempt {@code timeout} below: see {@link ProviderClients}. An SDK retrying a 529
 *       twice, with back-off, is time the next provider could have used.</li>
 *   <li>{@code timeout = "10s"} on every remote link is the engine's guarantee that an attempt ends even if
 *       a call ignores its own timeout; {@code deadline = "30s"} on the head bounds the whole chain.</li>
 *   <li>{@code skipOn = ProviderFaults.class}: besides outages (429, 5xx, 529, network, timeouts), a bad key,
 *       billing, a missing model (401/402/403/404) are this provider's faults, which the next one, with its
 *       own key and models, does not share. A 400 (prompt too long), 413 or 422 stops the chain: the next
 *       provider would reject the same request.</li>
 *   <li>{@code health = OutageCooldown.class} on every remote link: during a sustained outage a provider that
 *       failed is skipped while it cools (a 529 for 5 s, a 429 for its Retry-After, three timeouts in a row
 *       for 10 s, each doubling while it keeps failing), and one request at a time probes it; the others do
 *       not pay for it again (SPEC §9, README "Sustained outages").</li>
 *   <li>The last link, {@link #callLocal}, has no timeout and no health: it cannot hang and it always
 *       answers.</li>
 * </ul>
 *
 * <p>This class is compiled by plain javac: the Byte Buddy agent (or AspectJ load-time weaving) weaves it
 * when it is loaded. Thread-safe when its clients are (the SDK clients are).
 */
public class Summarizer {

    private static final long MAX_TOKENS = 300;
    private static final String INSTRUCTION = "Summarise the user's text in at most two sentences.";

    private final AnthropicClient anthropic;
    private final String anthropicModel;
    private final OpenAIClient openAi;
    private final String openAiModel;

    /**
     * Creates the summarizer over SDK clients built by {@link ProviderClients} (or configured alike).
     *
     * @param anthropic      the Anthropic client
     * @param anthropicModel the Anthropic model, e.g. {@code claude-haiku-4-5}
     * @param openAi         the OpenAI client
     * @param openAiModel    the OpenAI model, e.g. {@code gpt-4o-mini}
     */
    public Summarizer(AnthropicClient anthropic, String anthropicModel, OpenAIClient openAi, String openAiModel) {
        this.anthropic = Objects.requireNonNull(anthropic, "anthropic");
        this.anthropicModel = Objects.requireNonNull(anthropicModel, "anthropicModel");
        this.openAi = Objects.requireNonNull(openAi, "openAi");
        this.openAiModel = Objects.requireNonNull(openAiModel, "openAiModel");
    }

    /**
     * Asks Anthropic for a summary; on a fault of Anthropic's, OpenAI answers instead, and failing that the
     * local summary.
     *
     * @param text the text to summarise
     * @return the summary
     */
    @LlmFallback(next = "callOpenAi", provider = "anthropic", skipOn = ProviderFaults.class,
            timeout = "10s", deadline = "30s", health = OutageCooldown.class)
    public String callAnthropic(String text) {
        Message message = anthropic.messages().create(MessageCreateParams.builder()
                .model(anthropicModel)
                .maxTokens(MAX_TOKENS)
                .system(INSTRUCTION)
                .addUserMessage(text)
                .build());
        return message.content().stream()
                .filter(ContentBlock::isText)
                .map(block -> block.asText().text())
                .collect(Collectors.joining());
    }

    /**
     * Asks OpenAI for a summary; on a fault of OpenAI's, the local summary answers instead.
     *
     * @param text the text to summarise
     * @return the summary
     */
    @LlmFallback(next = "callLocal", provider = "openai", skipOn = ProviderFaults.class, timeout = "10s",
            health = OutageCooldown.class)
    public String callOpenAi(String text) {
        ChatCompletion completion = openAi.chat().completions().create(ChatCompletionCreateParams.builder()
                .model(openAiModel)
                .maxCompletionTokens(MAX_TOKENS)
                .addSystemMessage(INSTRUCTION)
                .addUserMessage(text)
                .build());
        return completion.choices().get(0).message().content().orElse("");
    }

    /**
     * The degraded answer: an extractive summary (see {@link ExtractiveSummary}), deterministic, no network.
     *
     * @param text the text to summarise
     * @return the summary
     */
    @LlmFallback(provider = "local")
    public String callLocal(String text) {
        return ExtractiveSummary.of(text, 2);
    }
}
