package dev.llmfallback.tck;

/**
 * The behaviour suite through async annotated heads as the Byte Buddy java agent weaves them: Surefire runs
 * this class, with {@link AgentBehaviourTest} (which checks that the agent, and nothing else, wove), in a JVM
 * started with {@code -javaagent:fallback-weaver-VERSION-agent.jar}.
 */
class AsyncAgentBehaviourTest extends AsyncAnnotatedBehaviourContract {

    private final FrontDoor door = new AsyncAnnotatedDoor("Byte Buddy agent (-javaagent)");

    @Override
    protected FrontDoor door() {
        return door;
    }
}
