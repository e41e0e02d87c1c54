package dev.llmfallback.clients.springai1;

import dev.llmfallback.clients.Client;
import dev.llmfallback.clients.ClientClassificationTest;
import dev.llmfallback.clients.Fake;
import dev.llmfallback.clients.Provider;
import java.time.Duration;
import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.anthropic.api.AnthropicApi;

/** Spring AI 1.1's {@code AnthropicChatModel} on {@code AnthropicApi} (RestClient), retry template of one attempt. */
class SpringAi1AnthropicClassificationTest extends ClientClassificationTest {

    @Override
    protected Client client() {
        return new Client() {
            @Override
            public String artifact() {
                return "spring-ai-anthropic";
            }

            @Override
            public String version() {
                return Client.versionOf("spring-ai.version");
            }

            @Override
            public Provider provider() {
                return Provider.ANTHROPIC;
            }

            @Override
            public String configuration() {
                return "`retryTemplate(RetryTemplate.builder().maxAttempts(1).build())`, RestClient read timeout";
            }

            @Override
            public boolean exposesHeaders() {
                return false;
            }

            @Override
            public boolean exposesErrorCode() {
                return false;
            }

            @Override
            public String chat(Fake fake, Duration timeout, String prompt) {
                AnthropicApi api = AnthropicApi.builder()
                        .baseUrl(fake.root())
                        .apiKey("sk-ant-fake")
                        .restClientBuilder(RestClients.withTimeout(timeout))
                        .build();
                AnthropicChatModel model = AnthropicChatModel.builder()
                        .anthropicApi(api)
                        .defaultOptions(AnthropicChatOptions.builder().model("claude-haiku-4-5").maxTokens(256).build())
                        .retryTemplate(RestClients.noRetry())
                        .build();
                return model.call(prompt);
            }
        };
    }
}
