package dev.llmfallback.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.Result;
import dev.llmfallback.AllProvidersFailedException;
import dev.llmfallback.Attempt;
import dev.llmfallback.Attempt.Outcome;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.OutageCooldown;
import dev.llmfallback.ProviderHealth;
import dev.llmfallback.RateLimited;
import dev.llmfallback.examples.fake.Behaviour;
import dev.llmfallback.examples.fake.FakeProvider;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real langchain4j {@code AnthropicChatModel} and {@code OpenAiChatModel} (JDK HTTP client,
 * {@code maxRetries(0)}) against fake Anthropic and OpenAI servers on loopback, chained by
 * {@link FallbackChatModel} and called as an application would: through an {@code AiServices} assistant.
 */
class FallbackChatModelTest {

    /** An {@code AiServices} assistant, as an application declares one. */
    interface Assistant {
        String chat(String message);
    }

    /** The same, asking for the whole result (the answering model's response metadata). */
    interface DetailedAssistant {
        Result<String> chat(String message);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARKER = "MARKER-7f3a91 the customer's private prompt.";
    // Long enough that only our timeout can end a hanging attempt; the models' own HTTP timeout is longer.
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(500);

    private final FakeProvider anthropic = FakeProvider.anthropic();
    private final FakeProvider openAi = FakeProvider.openAi();

    @AfterEach
    void stopFakes() {
        anthropic.close();
        openAi.close();
    }

    @Test
    void anthropicOverloaded_assistantAnswersThroughOpenAi_andTheTraceNamesIt() {
        anthropic.behave(Behaviour.overloaded());
        Assistant assistant = AiServices.create(Assistant.class, chain(anthropicModel(), openAiModel()));

        String answer = assistant.chat("Summarise the incident. Then more.");

        assertThat(answer).isEqualTo("[fake openai] Summarise the incident.");
        FallbackTrace trace = FallbackTrace.current();
        assertThat(trace.attempts()).extracting(Attempt::provider, Attempt::outcome)
                .containsExactly(tuple("anthropic", Outcome.FAILED),
                        tuple("openai", Outcome.SUCCEEDED));
        assertThat(trace.winner()).map(Attempt::provider).hasValue("openai");
        assertThat(trace.attempts().get(0).failure()).isInstanceOf(InternalServerException.class);
        assertThat(trace.toString()).contains("anthropic FAILED 529");
        assertThat(anthropic.requestCount()).isEqualTo(1);   // maxRetries(0): one attempt, no in-place retry
    }

    @Test
    void anthropicHangs_ourTimeoutEndsIt_andOpenAiAnswers() {
        anthropic.behave(Behaviour.hang());
        Assistant assistant = AiServices.create(Assistant.class, FallbackChatModel.builder()
                .model("anthropic", anthropicModel(), ATTEMPT_TIMEOUT)
                .model("openai", openAiModel())
                .build());

        String answer = assistant.chat("Is the API up? Tell me.");

        assertThat(answer).isEqualTo("[fake openai] Is the API up?");
        FallbackTrace trace = FallbackTrace.current();
        assertThat(trace.attempts()).extracting(Attempt::outcome).containsExactly(Outcome.TIMED_OUT, Outcome.SUCCEEDED);
        assertThat(trace.attempts().get(0).duration()).isGreaterThanOrEqualTo(ATTEMPT_TIMEOUT);
        assertThat(trace.winner()).map(Attempt::provider).hasValue("openai");
    }

    @Test
    void badRequest_stopsAtOnce_withTheModelsOwnException() {
        anthropic.behave(Behaviour.promptTooLong());
        Assistant assistant = AiServices.create(Assistant.class, chain(anthropicModel(), openAiModel()));

        Throwable thrown = catchThrowable(() -> assistant.chat(MARKER));

        assertThat(thrown).isInstanceOf(InvalidRequestException.class).hasCauseInstanceOf(HttpException.class);
        assertThat(openAi.requestCount()).isZero();
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome).containsExactly(Outcome.STOPPED);
        assertThat(thrown.getMessage()).doesNotContain("MARKER");
    }

    @Test
    void everyModelFails_oneExceptionWithEveryAttempt_andThePromptNowhere() {
        anthropic.behave(Behaviour.overloaded());
        openAi.behave(Behaviour.status(503));
        Assistant assistant = AiServices.create(Assistant.class, chain(anthropicModel(), openAiModel()));

        Throwable thrown = catchThrowable(() -> assistant.chat(MARKER));

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
        Throwable thrown = catchThrowable(() -> model.chat("hello"));
        boolean flagKept = Thread.interrupted();

        assertThat(thrown).isInstanceOf(LangChain4jException.class)
                .hasCauseInstanceOf(InterruptedException.class)
                .hasMessage("FallbackChatModel.chat: interrupted while waiting for a model; the thread's interrupt "
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

        Throwable thrown = catchThrowable(() -> model.chat("hello"));

        assertThat(thrown).isNotNull().isNotInstanceOf(AllProvidersFailedException.class);
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

        Throwable thrown = catchThrowable(() -> model.chat("hello"));

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
            model.chat("first");
            assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                    .containsExactly(Outcome.FAILED, Outcome.SUCCEEDED);

            model.chat("second");
            assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                    .containsExactly(Outcome.SKIPPED_UNHEALTHY, Outcome.SUCCEEDED);
            assertThat(anthropic.requestCount()).isEqualTo(1);  // told to come back in 60 s: not called again
            assertThat(ProviderHealth.shared().state(label).status()).isEqualTo(ProviderHealth.Status.COOLING);
        } finally {
            ProviderHealth.shared().reset(label);
        }
    }

    @Test
    void theResponseIsTheAnsweringModelsOwn_withItsMetadata() {
        anthropic.behave(Behaviour.overloaded());
        DetailedAssistant assistant = AiServices.create(DetailedAssistant.class, chain(anthropicModel(), openAiModel()));

        Result<String> result = assistant.chat("Which model answered? Say.");

        assertThat(result.content()).isEqualTo("[fake openai] Which model answered?");
        assertThat(result.finalResponse().metadata().modelName()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void eachModelGetsTheRequestsParameters_overItsOwnDefaults() throws Exception {
        anthropic.behave(Behaviour.overloaded());
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("Hello there.")).temperature(0.2).build();

        ChatResponse response = chain(anthropicModel(), openAiModel()).chat(request);

        assertThat(response.metadata().modelName()).isEqualTo("gpt-4o-mini");
        JsonNode toAnthropic = JSON.readTree(anthropic.lastRequestBody());
        JsonNode toOpenAi = JSON.readTree(openAi.lastRequestBody());
        assertThat(toAnthropic.path("model").asText()).isEqualTo("claude-haiku-4-5");
        assertThat(toAnthropic.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(toOpenAi.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(toOpenAi.path("temperature").asDouble()).isEqualTo(0.2);
    }

    @Test
    void eachModelsListeners_seeTheirOwnAttempt() {
        anthropic.behave(Behaviour.overloaded());
        List<String> seen = new CopyOnWriteArrayList<>();
        ChatModel anthropicModel = AnthropicChatModel.builder().baseUrl(anthropic.baseUrl() + "/v1/")
                .apiKey("sk-ant-fake").modelName("claude-haiku-4-5").maxRetries(0)
                .listeners(List.of(recording("anthropic", seen))).build();
        ChatModel openAiModel = OpenAiChatModel.builder().baseUrl(openAi.baseUrl()).apiKey("sk-fake")
                .modelName("gpt-4o-mini").maxRetries(0).listeners(List.of(recording("openai", seen))).build();

        ChatResponse response = chain(anthropicModel, openAiModel).chat(UserMessage.from("hi"));

        assertThat(response.aiMessage().text()).isEqualTo("[fake openai] hi");
        assertThat(seen).containsExactly("anthropic error", "openai response");
    }

    @Test
    void capabilities_areThoseEveryModelHas() {
        ChatModel model = chain(anthropicModel(), openAiModel());

        assertThat(model.supportedCapabilities())
                .isEqualTo(intersection(anthropicModel().supportedCapabilities(), openAiModel().supportedCapabilities()));
        assertThat(model.defaultRequestParameters().modelName()).isNull();
        assertThat(model).hasToString("FallbackChatModel[anthropic, openai]");
    }

    private static <T> Set<T> intersection(Set<T> a, Set<T> b) {
        Set<T> both = new HashSet<>(a);
        both.retainAll(b);
        return both;
    }

    private static ChatModelListener recording(String name, List<String> seen) {
        return new ChatModelListener() {
            @Override
            public void onResponse(ChatModelResponseContext context) {
                seen.add(name + " response");
            }

            @Override
            public void onError(ChatModelErrorContext context) {
                seen.add(name + " error");
            }
        };
    }

    private static ChatModel chain(ChatModel first, ChatModel second) {
        return FallbackChatModel.builder().model("anthropic", first).model("openai", second).build();
    }

    private ChatModel anthropicModel() {
        return AnthropicChatModel.builder()
                .baseUrl(anthropic.baseUrl() + "/v1/")
                .apiKey("sk-ant-fake")
                .modelName("claude-haiku-4-5")
                .maxRetries(0)                      // the next model is the retry
                .timeout(Duration.ofSeconds(60))
                .build();
    }

    private ChatModel openAiModel() {
        return OpenAiChatModel.builder()
                .baseUrl(openAi.baseUrl())
                .apiKey("sk-fake")
                .modelName("gpt-4o-mini")
                .maxRetries(0)
                .timeout(Duration.ofSeconds(60))
                .build();
    }
}
