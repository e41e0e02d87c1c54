package dev.llmfallback.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmfallback.spring.boot.app.TunedSummaries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.springframework.aop.support.AopUtils;

/**
 * {@link ChainSettingsTest} under the java agent (surefire execution {@code under-agent}): the property overrides, the placeholder and the chain deadline apply to chains the agent wove (and resolved when it loaded the class, before the context's settings were in force: they are resolved again).
 */
@Tag("agent")
class ChainSettingsUnderAgentTest extends ChainSettingsTest {

    @BeforeAll
    static void agentActive() {
        assertThat(System.getProperty("dev.llmfallback.agent.active")).as("this test must run under the agent").isNotNull();
        assertThat(AopUtils.isAopProxy(app.bean(TunedSummaries.class))).as("woven by the agent, not proxied").isFalse();
    }
}
