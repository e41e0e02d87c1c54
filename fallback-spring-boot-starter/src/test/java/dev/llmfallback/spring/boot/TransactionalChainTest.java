package dev.llmfallback.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.openai.client.OpenAIClient;
import dev.llmfallback.AllProvidersFailedException;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.examples.fake.Behaviour;
import dev.llmfallback.examples.fake.FakeProvider;
import dev.llmfallback.spring.LlmFallbackAdvisor;
import dev.llmfallback.spring.boot.app.LedgerApp;
import dev.llmfallback.spring.boot.app.LedgeredSummaries;
import dev.llmfallback.spring.boot.app.Summaries;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.interceptor.BeanFactoryTransactionAttributeSourceAdvisor;

/**
 * A {@code @Transactional} chain bean with a real transaction manager (Spring JDBC over H2): one proxy, the
 * transaction's advice outside the chain, so one call is one transaction and one chain whose links all run in it; a
 * fall-over commits what every link wrote, a chain that fails rolls it all back. A timed link runs on a worker
 * thread, outside the transaction.
 */
class TransactionalChainTest {

    static final String TEXT = "Providers go down. A chain of providers keeps answering.";

    static FakeProvider anthropic;
    static FakeProvider openAi;
    static ConfigurableApplicationContext context;

    @BeforeAll
    static void start() {
        anthropic = FakeProvider.anthropic();
        openAi = FakeProvider.openAi();
        context = new SpringApplicationBuilder(LedgerApp.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("fake.anthropic.url=" + anthropic.baseUrl(), "fake.openai.url=" + openAi.baseUrl())
                .run();
        Summaries.anthropic(context.getBean(AnthropicClient.class), TEXT);
        Summaries.openAi(context.getBean(OpenAIClient.class), TEXT);
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
        anthropic.close();
        openAi.close();
    }

    @BeforeEach
    void forget() {
        ledgered().forget();
    }

    static LedgeredSummaries ledgered() {
        return context.getBean(LedgeredSummaries.class);
    }

    @Test
    void oneProxy_withTheTransactionOutsideTheChain() {
        assertThat(System.getProperty("dev.llmfallback.agent.active")).as("this test must run without the agent").isNull();
        assertThat(AopUtils.isCglibProxy(ledgered())).isTrue();
        Advisor[] advisors = ((Advised) ledgered()).getAdvisors();
        assertThat(advisors[0]).isInstanceOf(BeanFactoryTransactionAttributeSourceAdvisor.class);
        assertThat(advisors[advisors.length - 1]).isInstanceOf(LlmFallbackAdvisor.class);
    }

    @Test
    void fallOver_runsEveryLinkInOneTransaction_andCommitsWhatEachWrote() {
        List<String> before = ledgered().ledger();
        int anthropicAsked = anthropic.requestCount();
        int openAiAsked = openAi.requestCount();
        anthropic.enqueue(Behaviour.overloaded());

        String answer = ledgered().summarize(TEXT);

        assertThat(answer).startsWith("[fake openai]");
        assertThat(path()).containsExactly("anthropic FAILED", "openai SUCCEEDED");
        assertThat(anthropic.requestCount() - anthropicAsked).isEqualTo(1);
        assertThat(openAi.requestCount() - openAiAsked).isEqualTo(1);
        List<LedgeredSummaries.Seen> seen = ledgered().seen();
        assertThat(seen).extracting(LedgeredSummaries.Seen::provider).containsExactly("anthropic", "openai");
        assertThat(seen).allSatisfy(link -> assertThat(link.transaction()).isTrue());
        assertThat(seen.get(1).connection()).as("the same transaction").isSameAs(seen.get(0).connection());
        assertThat(ledgered().ledger()).isEqualTo(plus(before, "anthropic", "openai"));
    }

    @Test
    void chainThatFails_rollsBackWhatEveryLinkWrote() {
        List<String> before = ledgered().ledger();
        anthropic.enqueue(Behaviour.overloaded());
        openAi.enqueue(Behaviour.overloaded());

        assertThatThrownBy(() -> ledgered().summarize(TEXT)).isInstanceOf(AllProvidersFailedException.class);

        assertThat(path()).containsExactly("anthropic FAILED", "openai FAILED");
        assertThat(ledgered().seen()).allSatisfy(link -> assertThat(link.transaction()).isTrue());
        assertThat(ledgered().ledger()).isEqualTo(before);
    }

    @Test
    void timedLink_runsOnAWorkerThread_outsideTheTransaction() {
        String answer = ledgered().summarizeWithin(TEXT);

        assertThat(answer).startsWith("[fake anthropic]");
        LedgeredSummaries.Seen head = ledgered().seen().get(0);
        assertThat(head.thread()).isNotSameAs(Thread.currentThread());
        assertThat(head.transaction()).as("the connection is bound to the caller's thread").isFalse();
        assertThat(head.connection()).isNull();
    }

    static List<String> plus(List<String> list, String... more) {
        List<String> all = new ArrayList<>(list);
        all.addAll(List.of(more));
        return all;
    }

    static List<String> path() {
        return FallbackTrace.current().attempts().stream()
                .map(attempt -> attempt.provider() + " " + attempt.outcome())
                .collect(Collectors.toList());
    }
}
