package dev.llmfallback.agentit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A class loaded before the agent, so woven first by retransformation at {@code install()}, never gains the
 * static initializer the agent gives classes it weaves at load: another agent retransforming it afterwards
 * (here Byte Buddy's, as Mockito's inline mock maker does) gets the same class shape, and the chain runs.
 */
class RetransformAfterInstallTest {

    @Test
    public void classWovenAtInstall_canBeRetransformedAgain_andStillFallsOver() {
        Path byteBuddyAgent = Path.of(System.getProperty("agentit.byteBuddyAgent"));

        ForkedJvm.Result run = ForkedJvm.withoutAgent().run(
                List.of(ForkedJvm.TEST_CLASSES, ForkedJvm.API_JAR, ForkedJvm.AGENT_JAR, byteBuddyAgent),
                RetransformLauncher.class.getName());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout().lines()).as(run.toString()).containsExactly(
                "unwoven: java.io.UncheckedIOException: java.net.ConnectException: down",
                "installed: true",
                "woven by install(): fallback",
                "retransformed again: fallback");
        assertThat(run.agentLines()).as(run.toString()).isEmpty();
    }
}
