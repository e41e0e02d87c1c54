package dev.llmfallback.agentit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The app and the API in a child class loader, the system class path holding neither (only a launcher and,
 * through -javaagent, the agent jar): the woven code finds the engine through the app's own loader.
 */
class ChildClassLoaderTest {

    @Test
    public void appInAChildLoader_isWoven_andCallsTheEngineItsLoaderSees() {
        ForkedJvm.Result run = ForkedJvm.withAgent().run(List.of(ForkedJvm.TEST_CLASSES),
                ChildLoaderLauncher.class.getName(), ForkedJvm.CLASSES.toString(), ForkedJvm.API_JAR.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).as(run.toString())
                .contains("engine loaded by: app")
                .contains("answer: summary from openai")
                .contains("anthropic FAILED");
        assertThat(run.agentLines()).isEmpty();
    }
}
