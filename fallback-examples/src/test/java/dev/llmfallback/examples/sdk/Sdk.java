package dev.llmfallback.examples.sdk;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Model;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.llmfallback.examples.fake.Behaviour;
import dev.llmfallback.examples.fake.FakeProvider;
import java.time.Duration;

/** One official SDK, driven exactly as an application would: retries off, a per-call timeout. */
enum Sdk {

    ANTHROPIC("anthropic-java", "anthropic.version") {
        @Override
        FakeProvider fake(Behaviour standing) {
            return FakeProvider.anthropic(standing);
        }

        @Override
        String send(FakeProvider fake, Duration request, Duration read, String prompt) {
            AnthropicClient client = AnthropicOkHttpClient.builder()
                    .baseUrl(fake.baseUrl())
                    .apiKey("sk-ant-fake")
                    .maxRetries(0)
                    .timeout(com.anthropic.core.Timeout.builder().request(request).read(read).build())
                    .responseValidation(true)
                    .build();
            try {
                Message message = client.messages().create(MessageCreateParams.builder()
                        .model(Model.CLAUDE_HAIKU_4_5)
                        .maxTokens(256)
                        .addUserMessage(prompt)
                        .build());
                return message.content().get(0).asText().text();
            } finally {
                client.close();
            }
        }
    },

    OPENAI("openai-java", "openai.version") {
        @Override
        FakeProvider fake(Behaviour standing) {
            return FakeProvider.openAi(standing);
        }

        @Override
        String send(FakeProvider fake, Duration request, Duration read, String prompt) {
            OpenAIClient client = OpenAIOkHttpClient.builder()
                    .baseUrl(fake.baseUrl())
                    .apiKey("sk-fake")
                    .maxRetries(0)
                    .timeout(com.openai.core.Timeout.builder().request(request).read(read).build())
                    .responseValidation(true)
                    .build();
            try {
                ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                        .model(ChatModel.GPT_4O_MINI)
                        .addUserMessage(prompt)
                        .build());
                return completion.choices().get(0).message().content().orElseThrow();
            } finally {
                client.close();
            }
        }
    };

    private final String artifact;
    private final String versionProperty;

    // The version comes from the build (surefire passes the pom's property), so the docs never name a
    // version other than the one tested.
    Sdk(String artifact, String versionProperty) {
        this.artifact = artifact;
        this.versionProperty = versionProperty;
    }

    /** Starts this SDK's provider's fake with a standing behaviour. */
    abstract FakeProvider fake(Behaviour standing);

    /**
     * Sends one request through the real SDK (a fresh client, closed after), returns the answer's text.
     *
     * @param request the SDK's request (whole call) timeout
     * @param read    the SDK's read timeout
     */
    abstract String send(FakeProvider fake, Duration request, Duration read, String prompt);

    String artifact() {
        return artifact;
    }

    String version() {
        return System.getProperty(versionProperty, "(version unknown: run through Maven)");
    }

    @Override
    public String toString() {
        return artifact;
    }
}
