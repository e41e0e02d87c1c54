package dev.llmfallback.examples.boot;

import java.util.Objects;

/**
 * Where the two providers are and the keys to use there: from properties, or the local fakes under the profile
 * {@code fakes}. Immutable; its {@code toString} never shows a key.
 *
 * @param anthropicBaseUrl Anthropic's base URL
 * @param anthropicApiKey  the Anthropic API key
 * @param openAiBaseUrl    OpenAI's base URL
 * @param openAiApiKey     the OpenAI API key
 */
public record ProviderEndpoints(String anthropicBaseUrl, String anthropicApiKey, String openAiBaseUrl,
        String openAiApiKey) {

    /**
     * Checks that nothing is missing.
     *
     * @param anthropicBaseUrl Anthropic's base URL
     * @param anthropicApiKey  the Anthropic API key
     * @param openAiBaseUrl    OpenAI's base URL
     * @param openAiApiKey     the OpenAI API key
     * @throws NullPointerException for a missing one
     */
    public ProviderEndpoints {
        Objects.requireNonNull(anthropicBaseUrl, "anthropicBaseUrl");
        Objects.requireNonNull(anthropicApiKey, "anthropicApiKey");
        Objects.requireNonNull(openAiBaseUrl, "openAiBaseUrl");
        Objects.requireNonNull(openAiApiKey, "openAiApiKey");
    }

    @Override
    public String toString() {
        return "ProviderEndpoints[anthropic " + anthropicBaseUrl + ", openai " + openAiBaseUrl + "]";
    }
}
