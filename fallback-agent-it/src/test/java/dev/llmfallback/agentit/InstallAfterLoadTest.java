package dev.llmfallback.agentit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code LlmFallbackAgent.install()} in a JVM started without the agent, after the annotated class was
 * loaded and initialised: it is woven by retransformation, its misconfigured chain reported once, at
 * install(), and calls fail with the same FallbackConfigurationException.
 */
class InstallAfterLoadTest {

    @Test
    public void classLoadedBeforeInstall_isWoven_andReportedAtInstall() {
        ForkedJvm.Result run = ForkedJvm.withoutAgent().run(
                List.of(ForkedJvm.TEST_CLASSES, ForkedJvm.CLASSES, ForkedJvm.API_JAR, ForkedJvm.AGENT_JAR),
                InstallLauncher.class.getName());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).as(run.toString())
                .contains("installed: true")
                .contains("call 0: dev.llmfallback.FallbackConfigurationException: Invalid @LlmFallback on "
                        + "MisconfiguredClient.head(String)")
                .contains("valid: openai");
        assertThat(run.agentLines()).as(run.toString()).singleElement().asString().startsWith(
                "[llm-fallback agent] dev.llmfallback.agentit.apps.MisconfiguredClient: Invalid @LlmFallback on "
                        + "MisconfiguredClient.head(String): next = \"callOpenAI\" names no method");
    }
}
