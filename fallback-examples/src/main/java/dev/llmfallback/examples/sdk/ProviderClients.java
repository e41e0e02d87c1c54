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

    /**
     * An Anthropic client for streaming ({@code createStreaming}): no retries in place; {@code silence} as the
     * read timeout (no byte for that long, e.g. a request never answered, fails the call) and {@code whole}
     * as the request timeout. A streamed answer keeps its connection for as long as it streams, so a request
     * timeout as short as a blocking call's would cut long answers; and a provider that sends its preamble
     * and then only keep-alives never trips a read timeout: that is what a streaming chain's first-token
     * timeout is for (see {@link StreamingSummarizer}).
     *
     * @param endpoint where Anthropic is
     * @param silence  the longest the SDK waits for the next byte
     * @param whole    the longest a whole streamed answer may take
     * @return the client; close it when done
     */
    public static AnthropicClient anthropicStreaming(Endpoint endpoint, Duration silence, Duration whole) {
        return AnthropicOkHttpClient.builder()
                .baseUrl(endpoint.baseUrl())
                .apiKey(endpoint.apiKey())
                .maxRetries(0)
                .timeout(com.anthropic.core.Timeout.builder().connect(silence).read(silence).request(whole).build())
                .build();
    }

    /**
     * An OpenAI client for streaming: as {@link #anthropicStreaming}.
     *
     * @param endpoint where OpenAI is
     * @param silence  the longest the SDK waits for the next byte
     * @param whole    the longest a whole streamed answer may take
     * @return the client; close it when done
     */
    public static OpenAIClient openAiStreaming(Endpoint endpoint, Duration silence, Duration whole) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(endpoint.baseUrl())
                .apiKey(endpoint.apiKey())
                .maxRetries(0)
                .timeout(com.openai.core.Timeout.builder().connect(silence).read(silence).request(whole).build())
                .build();
    }
}
