package dev.llmfallback.clients.springai;

import dev.llmfallback.clients.Case;
import dev.llmfallback.clients.Client;
import dev.llmfallback.clients.ClientClassificationTest;
import dev.llmfallback.clients.Fake;
import dev.llmfallback.clients.Provider;
import java.time.Duration;
import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;

/**
 * Spring AI 2.0's {@code AnthropicChatModel}, built programmatically; it calls through anthropic-java (its own
 * version), so {@code maxRetries(0)} is the SDK's, and there is no Spring retry template.
 */
class SpringAiAnthropicClassificationTest extends ClientClassificationTest {

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
                return "`AnthropicChatOptions` `maxRetries(0)`, `timeout(...)`";
            }

            @Override
            public boolean exposesHeaders() {
                return true;
            }

            @Override
            public boolean exposesErrorCode() {
                return true;
            }

            // Spring AI's OkHttp client leaves OkHttp's retryOnConnectionFailure on, and OkHttp itself repeats a
            // request once after a 408, whatever maxRetries says (openai-java's own client does the same).
            @Override
            public int expectedRequests(Case failure) {
                return failure == Case.REQUEST_TIMEOUT_408 ? 2 : Client.super.expectedRequests(failure);
            }

            @Override
            public String chat(Fake fake, Duration timeout, String prompt) {
                AnthropicChatModel model = AnthropicChatModel.builder()
                        .options(AnthropicChatOptions.builder()
                                .baseUrl(fake.root())
                                .apiKey("sk-ant-fake")
                                .maxTokens(256)
                                .maxRetries(0)
                                .timeout(timeout)
                                .build())
                        .build();
                return model.call(prompt);
            }
        };
    }
}
