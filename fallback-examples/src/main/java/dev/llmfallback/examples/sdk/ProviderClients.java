package dev.llmfallback.examples.sdk;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import java.time.Duration;

/**
 * Builds the SDK clients the way a fallback chain wants them (docs/PROVIDERS.md, "Recommended SDK settings"):
 *
 * <ul>
 *   <li>{@code maxRetries(0)}: both SDKs otherwise retry 408/409/429/5xx twice in place, with back-off, and
 *       sleep on {@code retry-after} without a cap, all before the chain sees the failure: seconds to
 *       minutes the next provider could have answered in.</li>
 *   <li>{@code timeout(...)}: the SDKs' default is 10 minutes per try. Set it a little below the link's
 *       {@code @LlmFallback(timeout)}, so that the SDK ends a hung call itself (closing its connection)
 *       and the engine's timeout stays the backstop.</li>
 * </ul>
 */
public final class ProviderClients {

    /** The SDK timeout for a summary, under the {@code timeout = "10s"} of {@link Summarizer}'s links. */
    public static final Duration RECOMMENDED_TIMEOUT = Duration.ofSeconds(8);

    private ProviderClients() {
    }

    /**
     * An Anthropic client: no retries in place, {@code timeout} per try.
     *
     * @param endpoint where Anthropic is
     * @param timeout  the SDK's timeout for one request
     * @return the client; close it when done
     */
    public static AnthropicClient anthropic(Endpoint endpoint, Duration timeout) {
        return AnthropicOkHttpClient.builder()
                .baseUrl(endpoint.baseUrl())
                .apiKey(endpoint.apiKey())
                .maxRetries(0)
                .timeout(timeout)
                .build();
    }

    /**
     * An OpenAI client: no retries in place, {@code timeout} per try.
     *
     * @param endpoint where OpenAI is
     * @param timeout  the SDK's timeout for one request
     * @return the client; close it when done
     */
    public static OpenAIClient openAi(Endpoint endpoint, Duration timeout) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(endpoint.baseUrl())
                .apiKey(endpoint.apiKey())
                .maxRetries(0)
                .timeout(timeout)
                .build();
    }
}
