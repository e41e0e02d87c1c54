package dev.llmfallback.clients.springai1;

import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.web.client.RestClient;

/** How a Spring AI 1.1 application under a chain configures its chat model's HTTP client and retries. */
final class RestClients {

    private RestClients() {
    }

    /**
     * A RestClient on the JDK's HttpClient (what Spring Boot 3.5 picks when no other HTTP library is present)
     * with a connect and read timeout.
     */
    static RestClient.Builder withTimeout(Duration timeout) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(timeout).build());
        factory.setReadTimeout(timeout);
        return RestClient.builder().requestFactory(factory);
    }

    /**
     * One attempt: Spring AI 1.x retries a {@code TransientAiException} (every 5xx) up to 10 times with
     * exponential back-off by default ({@code RetryUtils.DEFAULT_RETRY_TEMPLATE}), before the chain hears of it.
     */
    static RetryTemplate noRetry() {
        return RetryTemplate.builder().maxAttempts(1).build();
    }
}
