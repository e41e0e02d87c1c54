package dev.llmfallback.spring;

import static dev.llmfallback.tck.Script.Behaviour.answer;
import static dev.llmfallback.tck.Script.Behaviour.fail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmfallback.Attempt;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.spring.internal.Weaving;
import dev.llmfallback.tck.ProviderException;
import dev.llmfallback.tck.Script;
import dev.llmfallback.tck.fixtures.ThreeProviders;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Under AspectJ load-time weaving (the surefire execution {@code load-time-weaving}, which runs the tests tagged
 * {@code load-time-weaving} only): the class file on disk is unwoven, the loaded class is woven, and the advisor must
 * see that and stand down, so that a call runs one chain, not a chain inside a chain.
 */
@Tag("load-time-weaving")
class AdvisorUnderLoadTimeWeavingTest {

    @Configuration(proxyBeanMethods = false)
    @EnableLlmFallback
    static class Config {
    }

    @Test
    void classWovenAtLoad_isLeftToTheAspect_andRunsOneChain() throws Exception {
        Script script = Script.of(fail(new ProviderException(529, "overloaded")), answer("from openai"),
                answer("from local"));
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.register(Config.class);
            context.registerBean(ThreeProviders.class, () -> new ThreeProviders(script));
            context.refresh();
            ThreeProviders client = context.getBean(ThreeProviders.class);

            assertThat(Weaving.of(ThreeProviders.class)).isEqualTo(Weaving.ASPECTJ);
            assertThat(AopUtils.isAopProxy(client)).isFalse();
            assertThat(client.callAnthropic("a prompt")).isEqualTo("from openai");
            assertThat(script.calledProviders()).containsExactly(0, 1);
            assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                    .containsExactly(Attempt.Outcome.FAILED, Attempt.Outcome.SUCCEEDED);
        }
    }
}
