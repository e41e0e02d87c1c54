package dev.llmfallback.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmfallback.spring.LlmFallbackAdvisor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.AopUtils;

/**
 * The same application under the java agent ({@code -javaagent}, the surefire execution {@code under-agent}): the
 * agent weaves the bean classes, so the starter's advisor stands down. The chain bean is not proxied at all, the
 * cached bean's proxy carries the cache advice only, and {@link SummaryAppContract}'s calls still run exactly one
 * chain each.
 */
@Tag("agent")
class AgentDoorUnderAgentTest extends SummaryAppContract {

    @BeforeAll
    static void agentActive() {
        assertThat(System.getProperty("dev.llmfallback.agent.active")).as("this test must run under the agent").isNotNull();
    }

    @Test
    void chainBean_isNotProxied() {
        assertThat(AopUtils.isAopProxy(summaries())).isFalse();
    }

    @Test
    void cachedBean_isProxiedForTheCacheOnly() {
        assertThat(AopUtils.isCglibProxy(cachedSummaries())).isTrue();
        assertThat(((Advised) cachedSummaries()).getAdvisors()).isNotEmpty()
                .noneMatch(LlmFallbackAdvisor.class::isInstance);
    }
}
