package dev.llmfallback.spring.boot.app;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application as a user writes one: auto-configuration on (so the starter's is found through its
 * {@code AutoConfiguration.imports}), the SDK clients as beans (no retries in place, a 10 s SDK timeout, so that a
 * hang is ended by the link's own timeout), and two beans with {@code @LlmFallback} heads. The fakes' base URLs
 * come from the properties {@code fake.anthropic.url} and {@code fake.openai.url}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableCaching
public class SummaryApp {

    private static final Duration SDK_TIMEOUT = Duration.ofSeconds(10);

    @Bean(destroyMethod = "close")
    AnthropicClient anthropicClient(@Value("${fake.anthropic.url}") String url) {
        return AnthropicOkHttpClient.builder().baseUrl(url).apiKey("sk-fake").maxRetries(0).timeout(SDK_TIMEOUT).build();
    }

    @Bean(destroyMethod = "close")
    OpenAIClient openAiClient(@Value("${fake.openai.url}") String url) {
        return OpenAIOkHttpClient.builder().baseUrl(url).apiKey("sk-fake").maxRetries(0).timeout(SDK_TIMEOUT).build();
    }

    @Bean
    Summaries summaries(AnthropicClient anthropic, OpenAIClient openAi) {
        return new Summaries(anthropic, openAi);
    }

    @Bean
    CachedSummaries cachedSummaries(AnthropicClient anthropic, OpenAIClient openAi) {
        return new CachedSummaries(anthropic, openAi);
    }

    @Bean
    CacheManager cacheManager() {
        return new ConcurrentMapCacheManager("summaries");
    }
}
