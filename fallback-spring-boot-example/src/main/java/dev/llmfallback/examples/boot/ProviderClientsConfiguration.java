package dev.llmfallback.examples.boot;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The official SDK clients as beans, built the way a chain wants them (docs/PROVIDERS.md): {@code maxRetries(0)},
 * so that a 529 reaches the chain at once instead of being retried in place, and a timeout per request. Where
 * they point is the {@link ProviderEndpoints} bean: outside the profile {@code fakes}, the properties
 * {@code llm.anthropic.base-url}, {@code llm.anthropic.api-key}, {@code llm.openai.base-url} and
 * {@code llm.openai.api-key} ({@code application.properties} has the real base URLs and reads the keys from
 * {@code ANTHROPIC_API_KEY} and {@code OPENAI_API_KEY}).
 */
@Configuration(proxyBeanMethods = false)
public class ProviderClientsConfiguration {

    private static final Duration SDK_TIMEOUT = Duration.ofSeconds(8);

    /** Made by Spring. */
    public ProviderClientsConfiguration() {
    }

    /**
     * The endpoints from properties, when the fakes are not used.
     *
     * @param anthropicBaseUrl {@code llm.anthropic.base-url}
     * @param anthropicApiKey  {@code llm.anthropic.api-key}
     * @param openAiBaseUrl    {@code llm.openai.base-url}
     * @param openAiApiKey     {@code llm.openai.api-key}
     * @return the endpoints
     */
    @Bean
    @Profile("!fakes")
    public ProviderEndpoints providerEndpoints(@Value("${llm.anthropic.base-url}") String anthropicBaseUrl,
            @Value("${llm.anthropic.api-key}") String anthropicApiKey,
            @Value("${llm.openai.base-url}") String openAiBaseUrl,
            @Value("${llm.openai.api-key}") String openAiApiKey) {
        return new ProviderEndpoints(anthropicBaseUrl, anthropicApiKey, openAiBaseUrl, openAiApiKey);
    }

    /**
     * The Anthropic client.
     *
     * @param endpoints where the providers are
     * @return the client, closed with the context
     */
    @Bean(destroyMethod = "close")
    public AnthropicClient anthropicClient(ProviderEndpoints endpoints) {
        return AnthropicOkHttpClient.builder()
                .baseUrl(endpoints.anthropicBaseUrl())
                .apiKey(endpoints.anthropicApiKey())
                .maxRetries(0)
                .timeout(SDK_TIMEOUT)
                .build();
    }

    /**
     * The OpenAI client.
     *
     * @param endpoints where the providers are
     * @return the client, closed with the context
     */
    @Bean(destroyMethod = "close")
    public OpenAIClient openAiClient(ProviderEndpoints endpoints) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(endpoints.openAiBaseUrl())
                .apiKey(endpoints.openAiApiKey())
                .maxRetries(0)
                .timeout(SDK_TIMEOUT)
                .build();
    }
}
