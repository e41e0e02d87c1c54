package dev.llmfallback.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmfallback.spring.boot.app.ContextProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.springframework.aop.support.AopUtils;

/**
 * {@link ContextPropagationTest} under the java agent (surefire execution {@code under-agent}): context reaches the timed attempts of chains the agent wove.
 */
@Tag("agent")
class ContextPropagationUnderAgentTest extends ContextPropagationTest {

    @BeforeAll
    static void agentActive() {
        assertThat(System.getProperty("dev.llmfallback.agent.active")).as("this test must run under the agent").isNotNull();
        assertThat(AopUtils.isAopProxy(app.bean(ContextProbe.class))).as("woven by the agent, not proxied").isFalse();
    }
}
