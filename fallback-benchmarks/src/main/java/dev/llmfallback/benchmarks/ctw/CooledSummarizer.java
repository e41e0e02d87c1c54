package dev.llmfallback.benchmarks.ctw;

import com.anthropic.client.AnthropicClient;
import com.openai.client.OpenAIClient;
import dev.llmfallback.LlmFallback;
import dev.llmfallback.OutageCooldown;

/**
 * {@link RecommendedSummarizer} with provider health: {@code health = OutageCooldown.class} on the Anthropic
 * link, so that during a sustained outage Anthropic is skipped while it cools and only probes reach it. The
 * last link has no health: it is the one that must always be tried. Woven at build time by ajc.
 */
public class CooledSummarizer {

    private final AnthropicClient anthropic;
    private final OpenAIClient openAi;

    /**
     * Creates it over clients configured as the README recommends.
     *
     * @param anthropic the Anthropic client
     * @param openAi    the OpenAI client
     */
    public CooledSummarizer(AnthropicClient anthropic, OpenAIClient openAi) {
        this.anthropic = anthropic;
        this.openAi = openAi;
    }

    /**
     * Anthropic first, unless it is cooling.
     *
     * @param prompt the prompt
     * @return the answer
     */
    @LlmFallback(next = "callOpenAi", provider = "anthropic", timeout = "10s", deadline = "30s",
            health = OutageCooldown.class)
    public String callAnthropic(String prompt) {
        return RecommendedSummarizer.anthropic(anthropic, prompt);
    }

    /**
     * OpenAI second, and last.
     *
     * @param prompt the prompt
     * @return the answer
     */
    @LlmFallback(provider = "openai", timeout = "10s")
    public String callOpenAi(String prompt) {
        return RecommendedSummarizer.openAi(openAi, prompt);
    }
}
