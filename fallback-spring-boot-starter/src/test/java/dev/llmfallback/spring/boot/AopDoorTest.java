package dev.llmfallback.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmfallback.spring.LlmFallbackAdvisor;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.AopUtils;

/**
 * The Spring AOP front door, with no agent in the JVM: the starter's advisor proxies the {@code @LlmFallback}
 * beans, as the innermost advice, and runs {@link SummaryAppContract}'s chains.
 */
class AopDoorTest extends SummaryAppContract {

    @BeforeAll
    static void noAgent() {
        assertThat(System.getProperty("dev.llmfallback.agent.active")).as("this test must run without the agent").isNull();
    }

    @Test
    void chainBean_isProxiedByTheAdvisor() {
        assertThat(AopUtils.isCglibProxy(summaries())).isTrue();
        assertThat(((Advised) summaries()).getAdvisors()).hasExactlyElementsOfTypes(LlmFallbackAdvisor.class);
    }

    @Test
    void cachedBean_hasOneProxy_withTheChainInsideTheCache() {
        Advisor[] advisors = ((Advised) cachedSummaries()).getAdvisors();

        assertThat(AopUtils.isCglibProxy(cachedSummaries())).isTrue();
        assertThat(Arrays.stream(advisors).filter(LlmFallbackAdvisor.class::isInstance)).hasSize(1);
        assertThat(advisors).hasSizeGreaterThan(1);
        assertThat(advisors[advisors.length - 1]).isInstanceOf(LlmFallbackAdvisor.class);
    }
}
