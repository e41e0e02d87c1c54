package dev.llmfallback.spring.boot.app;

import com.anthropic.client.AnthropicClient;
import com.openai.client.OpenAIClient;
import dev.llmfallback.LlmFallback;

/**
 * Chains whose settings come from the application's configuration rather than their annotations: {@link #summarize}
 * has no timeout and no health policy of its own ({@code llm-fallback.providers.anthropic.*} give them),
 * {@link #summarizeWithin}'s timeout is a placeholder, and {@link #summarizeBriefly}'s deadline comes from
 * {@code llm-fallback.chains.[TunedSummaries.summarizeBriefly].deadline}.
 */
public class TunedSummaries {

    private final AnthropicClient anthropic;
    private final OpenAIClient openAi;

    public TunedSummaries(AnthropicClient anthropic, OpenAIClient openAi) {
        this.anthropic = anthropic;
        this.openAi = openAi;
    }

    @LlmFallback(next = "openAi", provider = "anthropic")
    public String summarize(String text) {
        return Summaries.anthropic(anthropic, text);
    }

    @LlmFallback(next = "openAi", provider = "claude", timeout = "${summaries.timeout}")
    public String summarizeWithin(String text) {
        return Summaries.anthropic(anthropic, text);
    }

    @LlmFallback(next = "openAi", provider = "anthropic-batch")
    public String summarizeBriefly(String text) {
        return Summaries.anthropic(anthropic, text);
    }

    @LlmFallback(provider = "openai")
    public String openAi(String text) {
        return Summaries.openAi(openAi, text);
    }
}
