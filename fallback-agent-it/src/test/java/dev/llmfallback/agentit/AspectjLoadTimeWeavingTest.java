package dev.llmfallback.agentit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agent and AspectJ's load-time weaver in one JVM, the agent given first: AspectJ's transformer cannot
 * retransform, so the JVM runs it before the agent's whatever the order of the options, and the agent finds
 * the class woven already. It leaves it to AspectJ, with one warning that says so truthfully, and the chain
 * runs once, through the aspect.
 */
class AspectjLoadTimeWeavingTest {

    @Test
    public void classWovenByAspectjAtLoad_isLeftToAspectj_withOneTrueWarning() {
        ForkedJvm.Result run = ForkedJvm.withAgent()
                .jvmArgs("-javaagent:" + property("agentit.aspectjWeaver"), "-Daj.weaving.verbose=false")
                .run(List.of(ForkedJvm.CLASSES, ForkedJvm.API_JAR, property("agentit.aspectLibrary"),
                        property("agentit.aspectjRuntime")), "dev.llmfallback.agentit.demo.AgentDemo");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).as(run.toString())
                .contains("answer: summary from openai")
                .contains("anthropic FAILED 529");
        assertThat(run.agentLines()).as(run.toString()).containsExactly("[llm-fallback agent] left "
                + "dev.llmfallback.agentit.demo.Summarizer alone: the AspectJ aspect already wove it (at compile "
                + "time, or at load time by AspectJ's weaver agent); use one front door per class");
    }

    private static Path property(String name) {
        return Path.of(System.getProperty(name));
    }
}
