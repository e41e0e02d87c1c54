package dev.llmfallback.tck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link ListenerContract} through the fixtures as the Byte Buddy agent weaves them: Surefire's agent execution
 * runs it in a JVM started with {@code -javaagent} (its name ends in AgentBehaviourTest).
 */
class ListenerAgentBehaviourTest extends ListenerContract {

    private final FrontDoor door = new AnnotatedDoor("Byte Buddy agent (-javaagent)");

    @Override
    protected FrontDoor door() {
        return door;
    }

    @Test
    public void theAgentWove() {
        assertThat(System.getProperty("dev.llmfallback.agent.active")).isEqualTo("-javaagent");
    }
}
