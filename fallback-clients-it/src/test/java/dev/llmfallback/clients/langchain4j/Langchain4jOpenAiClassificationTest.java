package dev.llmfallback.clients.langchain4j;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.llmfallback.clients.Client;
import dev.llmfallback.clients.ClientClassificationTest;
import dev.llmfallback.clients.Fake;
import dev.llmfallback.clients.Provider;
import java.time.Duration;

/** langchain4j's {@code OpenAiChatModel} (its JDK HTTP client), {@code maxRetries(0)}, against the OpenAI fake. */
class Langchain4jOpenAiClassificationTest extends ClientClassificationTest {

    @Override
    protected Client client() {
        return new Client() {
            @Override
            public String artifact() {
                return "langchain4j-open-ai";
            }

            @Override
            public String version() {
                return Client.versionOf("langchain4j.version");
            }

            @Override
            public Provider provider() {
                return Provider.OPENAI;
            }

            @Override
            public String configuration() {
                return "`maxRetries(0)`, `timeout(...)`";
            }

            // HttpException keeps the status and the body (as its message), not the headers.
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
                OpenAiChatModel model = OpenAiChatModel.builder()
                        .baseUrl(fake.root() + "/v1")
                        .apiKey("sk-fake")
                        .modelName("gpt-4o-mini")
                        .maxRetries(0)
                        .timeout(timeout)
                        .build();
                return model.chat(prompt);
            }
        };
    }
}
