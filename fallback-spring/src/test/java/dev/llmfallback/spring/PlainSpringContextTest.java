package dev.llmfallback.spring;

import static dev.llmfallback.tck.Script.Behaviour.answer;
import static dev.llmfallback.tck.Script.Behaviour.fail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmfallback.Attempt;
import dev.llmfallback.FallbackConfigurationException;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.tck.ProviderException;
import dev.llmfallback.tck.Script;
import dev.llmfallback.tck.fixtures.InheritingClient;
import dev.llmfallback.tck.fixtures.Misconfigured;
import dev.llmfallback.tck.fixtures.ThreeProviders;
import dev.llmfallback.tck.fixtures.Visibilities;
import dev.llmfallback.weaving.WovenChains;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableLlmFallback} in a plain Spring context (no Boot, no agent): beans with chain heads are proxied and
 * run their chains, the engine reaching inherited, private and final links on the raw target; misconfigured
 * chains fail the refresh.
 */
class PlainSpringContextTest {

    private static final String PROMPT = "a prompt";

    @Configuration(proxyBeanMethods = false)
    @EnableLlmFallback
    static class Config {
    }

    private static AnnotationConfigApplicationContext context(Consumer<AnnotationConfigApplicationContext> beans) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.register(Config.class);
        beans.accept(context);
        context.refresh();
        return context;
    }

    private static ProviderException status(int code) {
        return new ProviderException(code, "status " + code);
    }

    @Test
    void chainBean_isProxied_andFallsOver() throws Exception {
        Script script = Script.of(fail(status(503)), answer("from openai"), answer("from local"));
        try (AnnotationConfigApplicationContext context = context(
                c -> c.registerBean(ThreeProviders.class, () -> new ThreeProviders(script)))) {
            ThreeProviders client = context.getBean(ThreeProviders.class);

            assertThat(AopUtils.isCglibProxy(client)).isTrue();
            assertThat(client.callAnthropic(PROMPT)).isEqualTo("from openai");
            assertThat(script.calledProviders()).containsExactly(0, 1);
            assertThat(FallbackTrace.current().attempts()).extracting(Attempt::method)
                    .containsExactly("ThreeProviders.callAnthropic", "ThreeProviders.callOpenAi");
        }
    }

    @Test
    void inheritedLink_runsOnTheRawTarget() throws Exception {
        Script script = Script.of(fail(status(529)), answer("from the base class"));
        try (AnnotationConfigApplicationContext context = context(
                c -> c.registerBean(InheritingClient.class, () -> new InheritingClient(script)))) {

            assertThat(context.getBean(InheritingClient.class).head(PROMPT)).isEqualTo("from the base class");
            assertThat(script.calledProviders()).containsExactly(0, 1);
        }
    }

    @Test
    void privateAndFinalLinks_runOnTheRawTarget() throws Exception {
        Script script = Script.of(fail(status(503)), fail(status(503)), answer("from the final link"));
        try (AnnotationConfigApplicationContext context = context(
                c -> c.registerBean(Visibilities.class, () -> new Visibilities(script)))) {

            assertThat(context.getBean(Visibilities.class).head(PROMPT)).isEqualTo("from the final link");
            assertThat(script.calledProviders()).containsExactly(0, 1, 2);
        }
    }

    @Test
    void misconfiguredBeans_failTheRefresh_withEveryMessage() {
        Script script = Script.of(answer("unused"));

        Throwable thrown = catchThrowable(() -> context(c -> {
            c.registerBean(Misconfigured.MissingNext.class, () -> new Misconfigured.MissingNext(script));
            c.registerBean(Misconfigured.WrongParameters.class, () -> new Misconfigured.WrongParameters(script));
        }).close());

        assertThat(thrown).isInstanceOf(FallbackConfigurationException.class);
        assertThat(thrown.getMessage()).startsWith("2 misconfigured @LlmFallback chains:\n")
                .contains(WovenChains.misconfigurations(Misconfigured.MissingNext.class).get(0))
                .contains(WovenChains.misconfigurations(Misconfigured.WrongParameters.class).get(0));
        assertThat(script.calledProviders()).isEmpty();
    }
}
