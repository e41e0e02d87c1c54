package dev.llmfallback.examples.offline;

import dev.llmfallback.LlmFallback;
import dev.llmfallback.RateLimited;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Collectors;

/**
 * The SPEC §1 example, offline: Anthropic is overloaded (529), OpenAI is rate-limiting (429), and a local
 * extractive summary answers. The provider calls are simulated here; the real-SDK version talks HTTP.
 *
 * <p>Stateless and thread-safe.
 */
public class Summarizer {

    /** Creates the summarizer. */
    public Summarizer() {
        // no state
    }

    /**
     * Asks Anthropic; on 429 only (see {@code skipOn}) moves on to {@link #callOpenAi}.
     *
     * @param text the text to summarise
     * @return the summary
     */
    @LlmFallback(next = "callOpenAi", skipOn = RateLimited.class, provider = "anthropic")
    public String callAnthropic(String text) {
        throw new ProviderHttpException(429, "{\"type\":\"rate_limit_error\"}");
    }

    /**
     * Asks OpenAI; on any failure worth moving on from (5xx, 429, network, timeout) moves on to
     * {@link #callLocal}.
     *
     * @param text the text to summarise
     * @return the summary
     */
    @LlmFallback(next = "callLocal", provider = "openai")
    public String callOpenAi(String text) {
        throw new ProviderHttpException(529, "{\"type\":\"overloaded_error\"}");
    }

    /**
     * The degraded answer that needs no network: the longest sentence, trimmed.
     *
     * @param text the text to summarise
     * @return the summary
     */
    @LlmFallback(provider = "local")
    public String callLocal(String text) {
        String longest = Arrays.stream(text.split("(?<=[.!?])\\s+"))
                .max(Comparator.comparingInt(String::length))
                .orElse(text);
        return Arrays.stream(longest.split("\\s+")).limit(24).collect(Collectors.joining(" "));
    }
}
