package dev.llmfallback.clients.springai1;

import dev.llmfallback.clients.Client;
import dev.llmfallback.clients.ClientClassificationTest;
import dev.llmfallback.clients.Fake;
import dev.llmfallback.clients.Provider;
import java.time.Duration;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;

/** Spring AI 1.1's {@code OpenAiChatModel} on {@code OpenAiApi} (RestClient), retry template of one attempt. */
class SpringAi1OpenAiClassificationTest extends ClientClassificationTest {

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
                return "`retryTemplate(RetryTemplate.builder().maxAttempts(1).build())`, RestClient read timeout";
            }

            // NonTransientAiException / TransientAiException: the status only at the head of the message.
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
                OpenAiApi api = OpenAiApi.builder()
                        .baseUrl(fake.root())
                        .apiKey("sk-fake")
                        .restClientBuilder(RestClients.withTimeout(timeout))
                        .build();
                OpenAiChatModel model = OpenAiChatModel.builder()
                        .openAiApi(api)
                        .defaultOptions(OpenAiChatOptions.builder().model("gpt-4o-mini").build())
                        .retryTemplate(RestClients.noRetry())
                        .build();
                return model.call(prompt);
            }
        };
    }
}
