package dev.llmfallback.agentit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmfallback.tck.AnnotatedBehaviourContract;
import dev.llmfallback.tck.AnnotatedDoor;
import dev.llmfallback.tck.FrontDoor;
import dev.llmfallback.tck.fixtures.ThreeProviders;
import dev.llmfallback.weaver.agent.LlmFallbackAgent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The behaviour suite once more, in a JVM started without any agent (its own Surefire execution): the agent
 * arrives through {@link LlmFallbackAgent#install()}. One fixture class is loaded before that, so it is
 * woven by retransformation; the others are woven as they load.
 */
class InstalledAgentBehaviourTest extends AnnotatedBehaviourContract {

    private final FrontDoor door = new AnnotatedDoor("Byte Buddy agent, install() at run time");

    @BeforeAll
    static void install() {
        assertThat(System.getProperty("dev.llmfallback.agent.active")).as("no agent yet").isNull();
        assertThat(ThreeProviders.class.getName()).as("loaded before the agent").isNotNull();

        assertThat(LlmFallbackAgent.install()).isTrue();

        assertThat(System.getProperty("dev.llmfallback.agent.active")).isEqualTo("install()");
        assertThat(LlmFallbackAgent.install()).as("a second install() does nothing").isTrue();
    }

    @Override
    protected FrontDoor door() {
        return door;
    }

    @Test
    public void runsOnTheJdkUnderTest() {
        // Whatever JDK runs the build (17 and 25 in CI) runs install(); the suite above is the proof.
        assertThat(Runtime.version().feature()).isGreaterThanOrEqualTo(17);
    }
}
