package dev.llmfallback.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * {@link ConfigurationFailureTest} under the java agent (surefire execution {@code under-agent}): a bad setting fails the start just the same when the agent wove the chains.
 */
@Tag("agent")
class ConfigurationFailureUnderAgentTest extends ConfigurationFailureTest {

    @BeforeAll
    static void agentActive() {
        assertThat(System.getProperty("dev.llmfallback.agent.active")).as("this test must run under the agent").isNotNull();
    }
}
