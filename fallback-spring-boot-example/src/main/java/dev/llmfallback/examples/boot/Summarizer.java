package dev.llmfallback.examples.boot;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.llmfallback.LlmFallback;
import dev.llmfallback.examples.sdk.Endpoint;
import dev.llmfallback.examples.sdk.ExtractiveSummary;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Summaries by Anthropic, else OpenAI, else a local extractive summary: one {@code @LlmFallback} chain with the
 * default predicate ({@code RetryableOnly}: a 529 overloaded, a 429, a 5xx, a network failure or a timeout moves
 * on; a 400 stops) and provider labels for the trace. Callers call {@link #summarize} and nothing else changes.
 * Thread-safe (the SDK clients are).
 */
@Service
public class Summarizer {

    private static final String INSTRUCTION = "Summarise the user's text in one sentence.";

    private final AnthropicClient anthropic;
    private final OpenAIClient openAi;

    /**
     * Made by Spring.
     *
     * @param anthropic the Anthropic client bean
     * @param openAi    the OpenAI client bean
     */
    public Summarizer(AnthropicClient anthropic, OpenAIClient openAi) {
        this.anthropic = anthropic;
        this.openAi = openAi;
    }

    /**
     * A summary by Anthropic; the head of the chain.
     *
     * @param text the text to summarise
     * @return the summary
     */
    @LlmFallback(provider = "anthropic", next = "summarizeWithOpenAi")
    public String summarize(String text) {
        return anthropic.messages().create(MessageCreateParams.builder()
                        .model(Endpoint.DEFAULT_ANTHROPIC_MODEL)
                        .maxTokens(200)
                        .system(INSTRUCTION)
                        .addUserMessage(text)
                        .build())
                .content().stream()
                .filter(ContentBlock::isText)
                .map(block -> block.asText().text())
                .collect(Collectors.joining());
    }

    /**
     * A summary by OpenAI; the chain's second link.
     *
     * @param text the text to summarise
     * @return the summary
     */
    @LlmFallback(provider = "openai", next = "summarizeLocally")
    public String summarizeWithOpenAi(String text) {
        return openAi.chat().completions().create(ChatCompletionCreateParams.builder()
                        .model(Endpoint.DEFAULT_OPENAI_MODEL)
                        .addSystemMessage(INSTRUCTION)
                        .addUserMessage(text)
                        .build())
                .choices().get(0).message().content().orElse("");
    }

    /**
     * The text's first sentence; the last link, which needs no provider.
     *
     * @param text the text to summarise
     * @return the summary
     */
    @LlmFallback(provider = "local")
    public String summarizeLocally(String text) {
        return ExtractiveSummary.of(text, 1);
    }
}
