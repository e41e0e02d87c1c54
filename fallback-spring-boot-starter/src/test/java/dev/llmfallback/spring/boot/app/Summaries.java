package dev.llmfallback.spring.boot.app;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.llmfallback.LlmFallback;
import dev.llmfallback.examples.sdk.Endpoint;
import java.util.stream.Collectors;

/**
 * A plain bean with {@code @LlmFallback} heads over the official SDK clients (beans themselves): Anthropic, then
 * OpenAI, then a local answer. {@link #summarize} runs its head in place; {@link #summarizeWithin} has a link
 * timeout, so the engine runs the whole chain, its head on a worker thread.
 */
public class Summaries {

    private final AnthropicClient anthropic;
    private final OpenAIClient openAi;

    public Summaries(AnthropicClient anthropic, OpenAIClient openAi) {
        this.anthropic = anthropic;
        this.openAi = openAi;
    }

    @LlmFallback(next = "openAi", provider = "anthropic")
    public String summarize(String text) {
        return anthropic(anthropic, text);
    }

    @LlmFallback(next = "openAi", provider = "anthropic", timeout = "500ms")
    public String summarizeWithin(String text) {
        return anthropic(anthropic, text);
    }

    @LlmFallback(next = "local", provider = "openai")
    public String openAi(String text) {
        return openAi(openAi, text);
    }

    public String local(String text) {
        return "[local] " + text;
    }

    /**
     * One Anthropic call with the SDK, no chain.
     *
     * @param client the client
     * @param text   the user's text
     * @return the answer's text
     */
    public static String anthropic(AnthropicClient client, String text) {
        return client.messages().create(MessageCreateParams.builder()
                        .model(Endpoint.DEFAULT_ANTHROPIC_MODEL)
                        .maxTokens(100)
                        .addUserMessage(text)
                        .build())
                .content().stream()
                .filter(ContentBlock::isText)
                .map(block -> block.asText().text())
                .collect(Collectors.joining());
    }

    /**
     * One OpenAI call with the SDK, no chain.
     *
     * @param client the client
     * @param text   the user's text
     * @return the answer's text
     */
    public static String openAi(OpenAIClient client, String text) {
        return client.chat().completions().create(ChatCompletionCreateParams.builder()
                        .model(Endpoint.DEFAULT_OPENAI_MODEL)
                        .addUserMessage(text)
                        .build())
                .choices().get(0).message().content().orElse("");
    }
}
