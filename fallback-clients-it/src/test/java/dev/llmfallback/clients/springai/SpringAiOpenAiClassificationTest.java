package dev.llmfallback.clients.springai;

import dev.llmfallback.clients.Case;
import dev.llmfallback.clients.Client;
import dev.llmfallback.clients.ClientClassificationTest;
import dev.llmfallback.clients.Fake;
import dev.llmfallback.clients.Provider;
import java.time.Duration;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * Spring AI 2.0's {@code OpenAiChatModel}, built programmatically; it calls through openai-java (its own
 * version), so {@code maxRetries(0)} is the SDK's, and there is no Spring retry template.
 */
class SpringAiOpenAiClassificationTest extends ClientClassificationTest {

    @Override
    protected Client client() {
        return new Client() {
            @Override
            public String artifact() {
                return "spring-ai-openai";
            }

            @Override
            public String version() {
                return Client.versionOf("spring-ai.version");
            }

            @Override
            public Provider provider() {
                return Provider.OPENAI;
            }

            @Override
            public String configuration() {
                return "`OpenAiChatOptions` `maxRetries(0)`, `timeout(...)`";
            }

            // openai-java's exceptions: statusCode(), headers(), code().
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
                OpenAiChatModel model = OpenAiChatModel.builder()
                        .options(OpenAiChatOptions.builder()
                                .baseUrl(fake.root() + "/v1")
                                .apiKey("sk-fake")
                                .model("gpt-4o-mini")
                                .maxRetries(0)
                                .timeout(timeout)
                                .build())
                        .build();
                return model.call(prompt);
            }
        };
    }
}
