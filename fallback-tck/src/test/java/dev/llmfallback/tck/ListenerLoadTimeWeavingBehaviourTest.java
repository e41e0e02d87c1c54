package dev.llmfallback.tck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link ListenerContract} through the fixtures as AspectJ's load-time weaver weaves them with the aspect:
 * Surefire's load-time-weaving execution runs it (its name ends in LoadTimeWeavingBehaviourTest).
 */
class ListenerLoadTimeWeavingBehaviourTest extends ListenerContract {

    private final FrontDoor door = new AnnotatedDoor("AspectJ load-time weaving");

    @Override
    protected FrontDoor door() {
        return door;
    }

    @Test
    public void aspectjWove() {
        assertThat(getClass().getClassLoader().getResource("META-INF/aop.xml")).isNotNull();
    }
}
