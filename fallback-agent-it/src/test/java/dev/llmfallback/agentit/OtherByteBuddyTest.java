package dev.llmfallback.agentit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An application that brings its own Byte Buddy at another version (here an older one, as an app pinned to
 * an older Mockito has; the version is other.bytebuddy.version in the pom): the agent's relocated copy and
 * the app's live side by side. The app's Byte Buddy is the app's jar, it works, and the chain falls over.
 */
class OtherByteBuddyTest {

    @Test
    public void appsOwnByteBuddy_isUntouched_andTheChainStillFallsOver() {
        Path otherByteBuddy = Path.of(System.getProperty("agentit.otherByteBuddy"));

        ForkedJvm.Result run = ForkedJvm.withAgent().run(
                List.of(ForkedJvm.CLASSES, ForkedJvm.API_JAR, otherByteBuddy),
                "dev.llmfallback.agentit.apps.OtherByteBuddyApp");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).as(run.toString())
                .contains("app byte buddy: file:" + otherByteBuddy)
                .contains("app made: made by the app's Byte Buddy")
                .contains("answer: summary from openai")
                .contains("anthropic FAILED");
        assertThat(run.agentLines()).isEmpty();
    }
}
