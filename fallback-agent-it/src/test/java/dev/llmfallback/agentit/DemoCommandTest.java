package dev.llmfallback.agentit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's agent command, verbatim in shape: {@code java -javaagent:<agent jar> -cp <unwoven classes>:<api
 * jar> dev.llmfallback.agentit.demo.AgentDemo} falls over from the overloaded provider and prints the trace.
 */
class DemoCommandTest {

    private static final String DEMO = "dev.llmfallback.agentit.demo.AgentDemo";

    @Test
    public void withTheAgent_theDemoFallsOverAndPrintsTheTrace() {
        ForkedJvm.Result run = ForkedJvm.withAgent().run(List.of(ForkedJvm.CLASSES, ForkedJvm.API_JAR), DEMO);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).as(run.toString())
                .contains("answer: summary from openai")
                .contains("anthropic FAILED")
                .contains("openai SUCCEEDED");
        assertThat(run.agentLines()).as("the agent is silent when all is well").isEmpty();
    }

    @Test
    public void withoutTheAgent_theSameClassesAreNotWoven() {
        ForkedJvm.Result run = ForkedJvm.withoutAgent().run(List.of(ForkedJvm.CLASSES, ForkedJvm.API_JAR), DEMO);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stdout()).contains("The 529 escaped: Summarizer was not woven");
    }

    @Test
    public void logInfo_saysWhatItWove() {
        ForkedJvm.Result run = ForkedJvm.withAgent().jvmArgs("-Dllmfallback.agent.log=info")
                .run(List.of(ForkedJvm.CLASSES, ForkedJvm.API_JAR), DEMO);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.agentLines()).containsExactly("[llm-fallback agent] active (-javaagent)",
                "[llm-fallback agent] wove dev.llmfallback.agentit.demo.Summarizer");
    }
}
