package dev.llmfallback.clients.langchain4j;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.llmfallback.clients.Client;
import dev.llmfallback.clients.ClientClassificationTest;
import dev.llmfallback.clients.Fake;
import dev.llmfallback.clients.Provider;
import java.time.Duration;

/** langchain4j's {@code AnthropicChatModel} (its JDK HTTP client), {@code maxRetries(0)}, against the Anthropic fake. */
class Langchain4jAnthropicClassificationTest extends ClientClassificationTest {

    @Override
    protected Client client() {
        return new Client() {
            @Override
            public String artifact() {
                return "langchain4j-anthropic";
            }

            @Override
            public String version() {
                return Client.versionOf("langchain4j.version");
            }

            @Override
            public Provider provider() {
                return Provider.ANTHROPIC;
            }

            @Override
            public String configuration() {
                return "`maxRetries(0)`, `timeout(...)`";
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
                AnthropicChatModel model = AnthropicChatModel.builder()
                        .baseUrl(fake.root() + "/v1/")
                        .apiKey("sk-ant-fake")
                        .modelName("claude-haiku-4-5")
                        .maxTokens(256)
                        .maxRetries(0)
                        .timeout(timeout)
                        .build();
                return model.chat(prompt);
            }
        };
    }
}
