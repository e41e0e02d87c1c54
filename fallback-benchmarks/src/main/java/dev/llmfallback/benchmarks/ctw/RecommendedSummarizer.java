package dev.llmfallback.benchmarks.ctw;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.llmfallback.LlmFallback;
import java.util.stream.Collectors;

/**
 * The outage benchmark's configuration (c): Anthropic then OpenAI through the real SDKs, configured as the
 * README's "Hangs, timeouts and deadlines" recommends: SDK clients with {@code maxRetries(0)} and a 10 s
 * timeout (made by the caller), and here {@code timeout = "10s"} per remote link and {@code deadline = "30s"}
 * on the head. Woven at build time by ajc.
 */
public class RecommendedSummarizer {

    private final AnthropicClient anthropic;
    private final OpenAIClient openAi;

    /**
     * Creates it over clients configured as the README recommends.
     *
     * @param anthropic the Anthropic client
     * @param openAi    the OpenAI client
     */
    public RecommendedSummarizer(AnthropicClient anthropic, OpenAIClient openAi) {
        this.anthropic = anthropic;
        this.openAi = openAi;
    }

    /**
     * Anthropic first.
     *
     * @param prompt the prompt
     * @return the answer
     */
    @LlmFallback(next = "callOpenAi", provider = "anthropic", timeout = "10s", deadline = "30s")
    public String callAnthropic(String prompt) {
        return anthropic(anthropic, prompt);
    }

    /**
     * OpenAI second, and last.
     *
     * @param prompt the prompt
     * @return the answer
     */
    @LlmFallback(provider = "openai", timeout = "10s")
    public String callOpenAi(String prompt) {
        return openAi(openAi, prompt);
    }

    /**
     * One Anthropic Messages call.
     *
     * @param client the client
     * @param prompt the prompt
     * @return the text of the answer
     */
    public static String anthropic(AnthropicClient client, String prompt) {
        return client.messages().create(MessageCreateParams.builder()
                        .model("claude-haiku-4-5")
                        .maxTokens(300)
                        .addUserMessage(prompt)
                        .build())
                .content().stream()
                .filter(ContentBlock::isText)
                .map(block -> block.asText().text())
                .collect(Collectors.joining());
    }

    /**
     * One OpenAI Chat Completions call.
     *
     * @param client the client
     * @param prompt the prompt
     * @return the text of the answer
     */
    public static String openAi(OpenAIClient client, String prompt) {
        return client.chat().completions().create(ChatCompletionCreateParams.builder()
                        .model("gpt-4o-mini")
                        .maxCompletionTokens(300)
                        .addUserMessage(prompt)
                        .build())
                .choices().get(0).message().content().orElse("");
    }
}
