package dev.llmfallback.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.openai.client.OpenAIClient;
import dev.llmfallback.Attempt;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.examples.fake.Behaviour;
import dev.llmfallback.examples.fake.FakeProvider;
import dev.llmfallback.spring.boot.app.CachedSummaries;
import dev.llmfallback.spring.boot.app.Summaries;
import dev.llmfallback.spring.boot.app.SummaryApp;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a Boot application with the starter sees whichever front door runs its chains: {@link SummaryApp} started
 * for real (auto-configuration included) over the official SDK clients against the fake providers. Each call runs
 * exactly one chain: every provider is asked once, and the trace holds one attempt per link tried. Subclasses say
 * which door that is: the Spring AOP advisor (no agent) or the java agent.
 */
abstract class SummaryAppContract {

    static final String TEXT = "Providers go down. A chain of providers keeps answering.";

    static FakeProvider anthropic;
    static FakeProvider openAi;
    static ConfigurableApplicationContext context;

    @BeforeAll
    static void startApp() {
        anthropic = FakeProvider.anthropic();
        openAi = FakeProvider.openAi();
        context = new SpringApplicationBuilder(SummaryApp.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("fake.anthropic.url=" + anthropic.baseUrl(), "fake.openai.url=" + openAi.baseUrl())
                .run();
        // The SDKs' first call loads a few thousand classes, which must not count against a link's timeout.
        Summaries.anthropic(context.getBean(AnthropicClient.class), TEXT);
        Summaries.openAi(context.getBean(OpenAIClient.class), TEXT);
    }

    @AfterAll
    static void stopApp() {
        if (context != null) {
            context.close();
        }
        anthropic.close();
        openAi.close();
    }

    static Summaries summaries() {
        return context.getBean(Summaries.class);
    }

    static CachedSummaries cachedSummaries() {
        return context.getBean(CachedSummaries.class);
    }

    @Test
    void healthyAnthropic_answers_inOneAttempt() {
        int asked = anthropic.requestCount();

        String answer = summaries().summarize(TEXT);

        assertThat(answer).startsWith("[fake anthropic]");
        assertThat(path()).containsExactly("anthropic SUCCEEDED");
        assertThat(FallbackTrace.current().attempts().get(0).method()).isEqualTo("Summaries.summarize");
        assertThat(anthropic.requestCount() - asked).isEqualTo(1);
    }

    @Test
    void overloadedAnthropic_fallsOverToOpenAi_oneChainRun() {
        int anthropicAsked = anthropic.requestCount();
        int openAiAsked = openAi.requestCount();
        anthropic.enqueue(Behaviour.overloaded());

        String answer = summaries().summarize(TEXT);

        assertThat(answer).startsWith("[fake openai]");
        assertThat(path()).containsExactly("anthropic FAILED", "openai SUCCEEDED");
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::method)
                .containsExactly("Summaries.summarize", "Summaries.openAi");
        assertThat(anthropic.requestCount() - anthropicAsked).isEqualTo(1);
        assertThat(openAi.requestCount() - openAiAsked).isEqualTo(1);
    }

    @Test
    void hangingAnthropic_timesOut_andOpenAiAnswers_oneChainRun() {
        int anthropicAsked = anthropic.requestCount();
        int openAiAsked = openAi.requestCount();
        anthropic.enqueue(Behaviour.hang());

        String answer = summaries().summarizeWithin(TEXT);

        assertThat(answer).startsWith("[fake openai]");
        assertThat(path()).containsExactly("anthropic TIMED_OUT", "openai SUCCEEDED");
        assertThat(anthropic.requestCount() - anthropicAsked).isEqualTo(1);
        assertThat(openAi.requestCount() - openAiAsked).isEqualTo(1);
    }

    @Test
    void cachedHead_runsOneChainInsideTheCache() {
        String text = "A cached summary. It is asked for twice.";
        int anthropicAsked = anthropic.requestCount();
        int openAiAsked = openAi.requestCount();
        anthropic.enqueue(Behaviour.overloaded());

        String first = cachedSummaries().summarize(text);

        assertThat(first).startsWith("[fake openai]");
        assertThat(path()).containsExactly("anthropic FAILED", "openai SUCCEEDED");
        assertThat(anthropic.requestCount() - anthropicAsked).isEqualTo(1);
        assertThat(openAi.requestCount() - openAiAsked).isEqualTo(1);

        // The cache, outside the chain, answers the second call: no chain, no request.
        assertThat(cachedSummaries().summarize(text)).isEqualTo(first);
        assertThat(anthropic.requestCount() - anthropicAsked).isEqualTo(1);
        assertThat(openAi.requestCount() - openAiAsked).isEqualTo(1);
    }

    static List<String> path() {
        return FallbackTrace.current().attempts().stream()
                .map(attempt -> attempt.provider() + " " + attempt.outcome())
                .collect(Collectors.toList());
    }
}
