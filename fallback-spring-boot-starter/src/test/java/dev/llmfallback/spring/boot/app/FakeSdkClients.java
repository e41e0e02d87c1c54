package dev.llmfallback.spring.boot.app;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The official SDK clients as beans, as an application configures them: no retries in place and a 10 s SDK timeout,
 * so that a hang is ended by a link's own timeout. Their base URLs come from {@code fake.anthropic.url} and
 * {@code fake.openai.url}, the fakes' addresses.
 */
@Configuration(proxyBeanMethods = false)
public class FakeSdkClients {

    static final Duration SDK_TIMEOUT = Duration.ofSeconds(10);

    @Bean(destroyMethod = "close")
    AnthropicClient anthropicClient(@Value("${fake.anthropic.url}") String url) {
        return AnthropicOkHttpClient.builder().baseUrl(url).apiKey("sk-fake").maxRetries(0).timeout(SDK_TIMEOUT).build();
    }

    @Bean(destroyMethod = "close")
    OpenAIClient openAiClient(@Value("${fake.openai.url}") String url) {
        return OpenAIOkHttpClient.builder().baseUrl(url).apiKey("sk-fake").maxRetries(0).timeout(SDK_TIMEOUT).build();
    }
}
