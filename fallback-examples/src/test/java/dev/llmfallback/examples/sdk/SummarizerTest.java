package dev.llmfallback.examples.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.anthropic.client.AnthropicClient;
import com.anthropic.errors.BadRequestException;
import com.openai.client.OpenAIClient;
import dev.llmfallback.AllProvidersFailedException;
import dev.llmfallback.Attempt;
import dev.llmfallback.Failures;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.ProviderHealth;
import dev.llmfallback.examples.fake.Behaviour;
import dev.llmfallback.examples.fake.FakeProvider;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real-SDK {@link Summarizer}, woven by the Byte Buddy agent (surefire's argLine), against the fakes.
 * The SDK timeout is 300 ms where a hang must end quickly, and 10 s elsewhere, so that a slow first call
 * (the SDKs load a few thousand classes) never passes for a timeout.
 */
class SummarizerTest {

    private static final Duration HANG_TIMEOUT = Duration.ofMillis(300);
    private static final Duration SDK_TIMEOUT = Duration.ofSeconds(10);
    private static final String TEXT = "Providers go down. A chain of providers keeps answering. The local "
            + "summary is the last resort.";

    private FakeProvider anthropic;
    private FakeProvider openAi;
    private AnthropicClient anthropicClient;
    private OpenAIClient openAiClient;
    private Summarizer summarizer;

    @BeforeEach
    void startFakes() {
        ProviderHealth.shared().resetAll();
        anthropic = FakeProvider.anthropic();
        openAi = FakeProvider.openAi();
        summarizer = summarizerWithSdkTimeout(SDK_TIMEOUT);
    }

    @AfterEach
    void stopFakes() {
        ProviderHealth.shared().resetAll();
        closeClients();
        anthropic.close();
        openAi.close();
    }

    private Summarizer summarizerWithSdkTimeout(Duration timeout) {
        closeClients();
        anthropicClient = ProviderClients.anthropic(Endpoint.of(anthropic, Endpoint.DEFAULT_ANTHROPIC_MODEL), timeout);
        openAiClient = ProviderClients.openAi(Endpoint.of(openAi, Endpoint.DEFAULT_OPENAI_MODEL), timeout);
        return new Summarizer(anthropicClient, Endpoint.DEFAULT_ANTHROPIC_MODEL, openAiClient,
                Endpoint.DEFAULT_OPENAI_MODEL);
    }

    private void closeClients() {
        if (anthropicClient != null) {
            anthropicClient.close();
            openAiClient.close();
        }
    }

    @Test
    void healthyAnthropic_answers() {
        String summary = summarizer.callAnthropic(TEXT);

        assertThat(summary).startsWith("[fake anthropic]");
        assertThat(path()).isEqualTo("anthropic SUCCEEDED");
        assertThat(FallbackTrace.current().attempts().get(0).method()).isEqualTo("Summarizer.callAnthropic");
    }

    @Test
    void anthropicOverloaded_openAiAnswers() {
        anthropic.behave(Behaviour.overloaded());

        String summary = summarizer.callAnthropic(TEXT);

        assertThat(summary).startsWith("[fake openai]");
        assertThat(path()).isEqualTo("anthropic FAILED, openai SUCCEEDED");
        assertThat(Failures.statusCode(FallbackTrace.current().attempts().get(0).failure())).hasValue(529);
        assertThat(anthropic.requestCount()).as("no retry in place").isEqualTo(1);
    }

    @Test
    void aSustainedOverload_coolsAnthropic_theNextRequestsSkipIt() {
        anthropic.behave(Behaviour.overloaded());
        summarizer.callAnthropic(TEXT);

        assertThat(summarizer.callAnthropic(TEXT)).startsWith("[fake openai]");
        assertThat(path()).isEqualTo("anthropic SKIPPED_UNHEALTHY, openai SUCCEEDED");
        assertThat(FallbackTrace.current().summary(0)).hasValueSatisfying(why -> assertThat(why)
                .startsWith("529 overloaded, ").endsWith(" s left"));
        assertThat(anthropic.requestCount()).as("the second request never reached it").isEqualTo(1);
        assertThat(ProviderHealth.shared().state("anthropic").status()).isEqualTo(ProviderHealth.Status.COOLING);
    }

    @Test
    void anthropicHangs_andOpenAiRateLimits_localAnswers() {
        summarizer = summarizerWithSdkTimeout(HANG_TIMEOUT);
        anthropic.behave(Behaviour.hang());
        openAi.behave(Behaviour.rateLimited(Duration.ofSeconds(10)));

        String summary = summarizer.callAnthropic(TEXT);

        assertThat(summary).isEqualTo(ExtractiveSummary.of(TEXT, 2));
        assertThat(path()).isEqualTo("anthropic FAILED, openai FAILED, local SUCCEEDED");
        List<Attempt> attempts = FallbackTrace.current().attempts();
        assertThat(Failures.isTimeout(attempts.get(0).failure())).isTrue();
        assertThat(Failures.retryAfter(attempts.get(1).failure())).hasValue(Duration.ofSeconds(10));
    }

    @Test
    void badAnthropicKey_isAProviderFault_openAiAnswers() {
        anthropic.behave(Behaviour.status(401));

        assertThat(summarizer.callAnthropic(TEXT)).startsWith("[fake openai]");
        assertThat(path()).isEqualTo("anthropic FAILED, openai SUCCEEDED");
    }

    @Test
    void bothRefuseConnections_localAnswers() {
        anthropic.behave(Behaviour.refuse());
        openAi.behave(Behaviour.refuse());

        assertThat(summarizer.callAnthropic(TEXT)).isEqualTo(ExtractiveSummary.of(TEXT, 2));
        assertThat(path()).isEqualTo("anthropic FAILED, openai FAILED, local SUCCEEDED");
    }

    @Test
    void promptTooLong_stopsTheChain_withTheSdksOwnException() {
        anthropic.behave(Behaviour.promptTooLong());

        Throwable thrown = catchThrowable(() -> summarizer.callAnthropic(TEXT));

        assertThat(thrown).isInstanceOf(BadRequestException.class).isNotInstanceOf(AllProvidersFailedException.class);
        assertThat(path()).isEqualTo("anthropic STOPPED");
        assertThat(openAi.requestCount()).isZero();
    }

    @Test
    void callingTheSecondLinkDirectly_startsItsOwnChain() {
        openAi.behave(Behaviour.overloaded());

        assertThat(summarizer.callOpenAi(TEXT)).isEqualTo(ExtractiveSummary.of(TEXT, 2));
        assertThat(path()).isEqualTo("openai FAILED, local SUCCEEDED");
        assertThat(anthropic.requestCount()).isZero();
    }

    private static String path() {
        return FallbackTrace.current().attempts().stream()
                .map(attempt -> attempt.provider() + " " + attempt.outcome())
                .collect(Collectors.joining(", "));
    }
}
