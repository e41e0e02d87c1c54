package dev.llmfallback.spring.boot.app;

import com.anthropic.client.AnthropicClient;
import com.openai.client.OpenAIClient;
import dev.llmfallback.LlmFallback;
import org.springframework.cache.annotation.Cacheable;

/**
 * A bean that Spring proxies for another reason too: its head is {@code @Cacheable}, so the proxy carries
 * Spring's cache advice besides llm-fallback's (one CGLIB proxy, two advisors).
 */
public class CachedSummaries {

    private final AnthropicClient anthropic;
    private final OpenAIClient openAi;

    public CachedSummaries(AnthropicClient anthropic, OpenAIClient openAi) {
        this.anthropic = anthropic;
        this.openAi = openAi;
    }

    @Cacheable("summaries")
    @LlmFallback(next = "openAi", provider = "anthropic")
    public String summarize(String text) {
        return Summaries.anthropic(anthropic, text);
    }

    @LlmFallback(provider = "openai")
    public String openAi(String text) {
        return Summaries.openAi(openAi, text);
    }
}
