package dev.llmfallback.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmfallback.tck.stream.StreamingContract;
import org.junit.jupiter.api.Test;

/**
 * The streaming contract against the fixtures as the Byte Buddy java agent weaves them: Surefire runs this
 * class alone (the streaming-agent execution) in a JVM started with
 * {@code -javaagent:fallback-weaver-VERSION-agent.jar}, with neither fallback-weaver's plain jar nor AspectJ on
 * the class path.
 */
class StreamingAgentTest extends StreamingContract {

    @Test
    public void theAgentWove_notSomethingElse() {
        assertThat(System.getProperty("dev.llmfallback.agent.active")).isEqualTo("-javaagent");
        assertThat(getClass().getClassLoader().getResource("META-INF/aop.xml")).as("no AspectJ here").isNull();
    }
}
