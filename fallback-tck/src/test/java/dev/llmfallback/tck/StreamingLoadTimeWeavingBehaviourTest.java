package dev.llmfallback.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmfallback.tck.stream.StreamingContract;
import org.junit.jupiter.api.Test;

/**
 * The streaming contract against the fixtures as the AspectJ load-time weaver weaves them: Surefire runs this
 * class in the JVM started with {@code -javaagent:aspectjweaver.jar} (the load-time-weaving execution), which
 * finds the aspect through fallback-weaver's {@code META-INF/aop.xml}.
 */
class StreamingLoadTimeWeavingBehaviourTest extends StreamingContract {

    @Test
    public void aspectjWove_notTheAgent() {
        assertThat(System.getProperty("dev.llmfallback.agent.active")).as("no llm-fallback agent here").isNull();
        assertThat(getClass().getClassLoader().getResource("META-INF/aop.xml")).isNotNull();
    }
}
