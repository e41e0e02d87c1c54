package dev.llmfallback.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmfallback.AllProvidersFailedException;
import dev.llmfallback.Attempt;
import dev.llmfallback.Attempt.Outcome;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.OutageCooldown;
import dev.llmfallback.ProviderHealth;
import dev.llmfallback.RateLimited;
import dev.llmfallback.examples.fake.Behaviour;
import dev.llmfallback.examples.fake.FakeProvider;
import dev.llmfallback.springai.internal.PromptPerModel;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.anthropic.api.AnthropicApi;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.retry.support.RetryTemplate;

/**
 * Spring AI 1.1's real {@code AnthropicChatModel} and {@code OpenAiChatModel} (RestClient, retry off: a
 * {@code RetryTemplate} of one attempt) against fake Anthropic and OpenAI servers on loopback, chained by
 * {@link FallbackChatModel} and called as an application would: through a {@code ChatClient}.
 */
class FallbackChatModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARKER = "MARKER-7f3a91 the customer's private prompt.";
    // Long enough that only our timeout can end a hanging attempt: the models' HTTP client has no read timeout.
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(500);

    private final FakeProvider anthropic = FakeProvider.anthropic();
    private final FakeProvider openAi = FakeProvider.openAi();

    @AfterEach
    void stopFakes() {
        anthropic.close();
        openAi.close();
    }

    @Test
    void runsOnSpringAi1() {
        assertThat(PromptPerModel.forRuntime().generation()).isEqualTo("1.x");
    }

    @Test
    void anthropicOverloaded_chatClientAnswersThroughOpenAi_andTheTraceNamesIt() {
        anthropic.behave(Behaviour.overloaded());
        ChatClient client = ChatClient.create(chain(anthropicModel(), openAiModel()));

        String answer = client.prompt().user("Summarise the incident. Then more.").call().content();

        assertThat(answer).isEqualTo("[fake openai] Summarise the incident.");
        FallbackTrace trace = FallbackTrace.current();
        assertThat(trace.attempts()).extracting(Attempt::provider, Attempt::outcome)
                .containsExactly(tuple("anthropic", Outcome.FAILED), tuple("openai", Outcome.SUCCEEDED));
        assertThat(trace.winner()).map(Attempt::provider).hasValue("openai");
        assertThat(trace.attempts().get(0).failure()).isInstanceOf(TransientAiException.class);
        assertThat(trace.toString()).contains("anthropic FAILED 529");
        assertThat(anthropic.requestCount()).isEqualTo(1);   // retry off: one attempt, no in-place retry
    }

    @Test
    void anthropicHangs_ourTimeoutEndsIt_andOpenAiAnswers() {
        anthropic.behave(Behaviour.hang());
        ChatClient client = ChatClient.create(FallbackChatModel.builder()
                .model("anthropic", anthropicModel(), ATTEMPT_TIMEOUT)
                .model("openai", openAiModel())
                .build());

        String answer = client.prompt().user("Is the API up? Tell me.").call().content();

        assertThat(answer).isEqualTo("[fake openai] Is the API up?");
        FallbackTrace trace = FallbackTrace.current();
        assertThat(trace.attempts()).extracting(Attempt::outcome).containsExactly(Outcome.TIMED_OUT, Outcome.SUCCEEDED);
        assertThat(trace.attempts().get(0).duration()).isGreaterThanOrEqualTo(ATTEMPT_TIMEOUT);
        assertThat(trace.winner()).map(Attempt::provider).hasValue("openai");
    }

    @Test
    void badRequest_stopsAtOnce_withTheModelsOwnException() {
        anthropic.behave(Behaviour.promptTooLong());
        ChatClient client = ChatClient.create(chain(anthropicModel(), openAiModel()));

        Throwable thrown = catchThrowable(() -> client.prompt().user(MARKER).call().content());

        assertThat(thrown).isInstanceOf(NonTransientAiException.class);
        assertThat(openAi.requestCount()).isZero();
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome).containsExactly(Outcome.STOPPED);
        assertThat(thrown.getMessage()).doesNotContain("MARKER");
    }

    @Test
    void everyModelFails_oneExceptionWithEveryAttempt_andThePromptNowhere() {
        anthropic.behave(Behaviour.overloaded());
        openAi.behave(Behaviour.status(503));
        ChatClient client = ChatClient.create(chain(anthropicModel(), openAiModel()));

        Throwable thrown = catchThrowable(() -> client.prompt().user(MARKER).call().content());

        assertThat(thrown).isInstanceOf(AllProvidersFailedException.class);
        AllProvidersFailedException all = (AllProvidersFailedException) thrown;
        assertThat(all.attempts()).extracting(Attempt::provider).containsExactly("anthropic", "openai");
        assertThat(all.getMessage()).contains("anthropic", "openai", "529", "503").doesNotContain("MARKER");
        assertThat(FallbackTrace.current().toString()).doesNotContain("MARKER");
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                .containsExactly(Outcome.FAILED, Outcome.FAILED);
    }

    @Test
    void anInterruptedCaller_getsAnUncheckedException_andKeepsItsInterruptFlag() {
        anthropic.behave(Behaviour.hang());
        ChatModel model = FallbackChatModel.builder()
                .model("anthropic", anthropicModel(), Duration.ofSeconds(30))   // timed: runs on a worker
                .model("openai", openAiModel())
                .build();

        Thread.currentThread().interrupt();   // the caller is interrupted while it waits for the attempt
        Throwable thrown = catchThrowable(() -> model.call("hello"));
        boolean flagKept = Thread.interrupted();

        assertThat(thrown).isInstanceOf(CancellationException.class)
                .hasCauseInstanceOf(InterruptedException.class)
                .hasMessage("FallbackChatModel.call: interrupted while waiting for a model; the thread's interrupt "
                        + "flag is set");
        assertThat(flagKept).isTrue();
        assertThat(openAi.requestCount()).isZero();
    }

    @Test
    void aModelsOwnPredicate_decidesForItsFailures() {
        anthropic.behave(Behaviour.overloaded());
        ChatModel model = FallbackChatModel.builder()
                .model("anthropic", anthropicModel(), RateLimited.INSTANCE, null)   // only a 429 moves on
                .model("openai", openAiModel())
                .build();

        Throwable thrown = catchThrowable(() -> model.call("hello"));

        assertThat(thrown).isInstanceOf(TransientAiException.class);
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome).containsExactly(Outcome.STOPPED);
        assertThat(openAi.requestCount()).isZero();
    }

    @Test
    void deadline_boundsTheWholeCall_andLeavesTheRestNotTried() {
        anthropic.behave(Behaviour.hang());
        ChatModel model = FallbackChatModel.builder()
                .model("anthropic", anthropicModel())
                .model("openai", openAiModel())
                .deadline(ATTEMPT_TIMEOUT)
                .build();

        Throwable thrown = catchThrowable(() -> model.call("hello"));

        assertThat(thrown).isInstanceOf(AllProvidersFailedException.class);
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                .containsExactly(Outcome.TIMED_OUT, Outcome.NOT_TRIED);
        assertThat(openAi.requestCount()).isZero();
    }

    @Test
    void rateLimitedModel_isSkippedWhileItCools_underOutageCooldown() {
        // A label of its own: health is process-wide, keyed by label.
        String label = "anthropic-cooling-" + System.nanoTime();
        anthropic.behave(Behaviour.rateLimited(Duration.ofSeconds(60)));
        ChatModel model = FallbackChatModel.builder()
                .model(label, anthropicModel())
                .model("openai", openAiModel())
                .health(OutageCooldown.INSTANCE)
                .build();
        try {
            model.call("first");
            assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                    .containsExactly(Outcome.FAILED, Outcome.SUCCEEDED);

            model.call("second");
            assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                    .containsExactly(Outcome.SKIPPED_UNHEALTHY, Outcome.SUCCEEDED);
            assertThat(anthropic.requestCount()).isEqualTo(1);  // told to come back in 60 s: not called again
            assertThat(ProviderHealth.shared().state(label).status()).isEqualTo(ProviderHealth.Status.COOLING);
        } finally {
            ProviderHealth.shared().reset(label);
        }
    }

    @Test
    void eachModelGetsItsOwnOptions_underThePromptsPortableOnes() throws Exception {
        anthropic.behave(Behaviour.overloaded());
        ChatClient client = ChatClient.create(chain(anthropicModel(), openAiModel()));

        ChatResponse response = client.prompt().user("Which model answered? Say.")
                .options(ChatOptions.builder().temperature(0.2).build())
                .call().chatResponse();

        // Each provider got its own model name and the prompt's temperature.
        assertThat(response.getMetadata().getModel()).isEqualTo("gpt-4o-mini");
        assertThat(response.getResult().getOutput().getText()).isEqualTo("[fake openai] Which model answered?");
        JsonNode toAnthropic = JSON.readTree(anthropic.lastRequestBody());
        JsonNode toOpenAi = JSON.readTree(openAi.lastRequestBody());
        assertThat(toAnthropic.path("model").asText()).isEqualTo("claude-haiku-4-5");
        assertThat(toAnthropic.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(toAnthropic.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(toOpenAi.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(toOpenAi.path("temperature").asDouble()).isEqualTo(0.2);
    }

    @Test
    void aPromptWithoutOptions_goesToEachModelWithItsOwn() {
        ChatResponse response = chain(anthropicModel(), openAiModel()).call(new Prompt("Hello there."));

        assertThat(response.getMetadata().getModel()).isEqualTo("claude-haiku-4-5");
        assertThat(FallbackTrace.current().winner()).map(Attempt::provider).hasValue("anthropic");
    }

    @Test
    void neutralOptions_carryNoProvidersSettings() {
        FallbackChatModel model = chain(anthropicModel(), openAiModel());

        assertThat(model.getDefaultOptions().getModel()).isNull();
        assertThat(model.getDefaultOptions()).isNotSameAs(model.getDefaultOptions());
        assertThat(model).hasToString("FallbackChatModel[anthropic, openai]");
    }

    @Test
    void streaming_isRefusedWithAClearMessage() {
        FallbackChatModel model = chain(anthropicModel(), openAiModel());

        assertThatThrownBy(() -> model.stream(new Prompt("hi")))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageStartingWith("FallbackChatModel.stream(Prompt): streaming through a fallback chain is "
                        + "not supported yet");
    }

    private static FallbackChatModel chain(ChatModel first, ChatModel second) {
        return FallbackChatModel.builder().model("anthropic", first).model("openai", second).build();
    }

    // Spring AI 1.x retries in place with RetryUtils.DEFAULT_RETRY_TEMPLATE (10 attempts, back-off from 2 s):
    // one attempt here, the next model is the retry.
    private static RetryTemplate noRetry() {
        return RetryTemplate.builder().maxAttempts(1).build();
    }

    private ChatModel anthropicModel() {
        return AnthropicChatModel.builder()
                .anthropicApi(AnthropicApi.builder().baseUrl(anthropic.baseUrl()).apiKey("sk-ant-fake").build())
                .defaultOptions(AnthropicChatOptions.builder().model("claude-haiku-4-5").maxTokens(64).build())
                .retryTemplate(noRetry())
                .build();
    }

    private ChatModel openAiModel() {
        String root = openAi.baseUrl().substring(0, openAi.baseUrl().length() - "/v1".length());
        return OpenAiChatModel.builder()
                .openAiApi(OpenAiApi.builder().baseUrl(root).apiKey("sk-fake").build())
                .defaultOptions(OpenAiChatOptions.builder().model("gpt-4o-mini").build())
                .retryTemplate(noRetry())
                .build();
    }
}
