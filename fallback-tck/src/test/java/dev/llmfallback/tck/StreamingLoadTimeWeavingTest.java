package dev.llmfallback.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmfallback.tck.stream.StreamingContract;
import org.junit.jupiter.api.Test;

/**
 * The streaming contract against the fixtures as the AspectJ load-time weaver weaves them: Surefire runs this
 * class alone (the streaming-load-time-weaving execution) in a JVM started with
 * {@code -javaagent:aspectjweaver.jar}, which finds the aspect through fallback-weaver's {@code META-INF/aop.xml}.
 */
class StreamingLoadTimeWeavingTest extends StreamingContract {

    @Test
    public void aspectjWove_notTheAgent() {
        assertThat(System.getProperty("dev.llmfallback.agent.active")).as("no llm-fallback agent here").isNull();
        assertThat(getClass().getClassLoader().getResource("META-INF/aop.xml")).isNotNull();
    }
}
