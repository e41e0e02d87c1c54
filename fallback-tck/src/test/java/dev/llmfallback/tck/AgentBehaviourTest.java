package dev.llmfallback.tck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The behaviour suite against the fixtures as the Byte Buddy java agent weaves them: Surefire runs this class
 * alone in a JVM started with {@code -javaagent:fallback-weaver-VERSION-agent.jar}, the jar fallback-weaver
 * builds, with neither fallback-weaver's plain jar nor AspectJ on the class path.
 */
class AgentBehaviourTest extends AnnotatedBehaviourContract {

    private final FrontDoor door = new AnnotatedDoor("Byte Buddy agent (-javaagent)");

    @Override
    protected FrontDoor door() {
        return door;
    }

    @Test
    public void theAgentWove_notSomethingElse() {
        assertThat(System.getProperty("dev.llmfallback.agent.active")).isEqualTo("-javaagent");
        assertThat(getClass().getClassLoader().getResource("META-INF/aop.xml")).as("no AspectJ here").isNull();
    }
}
