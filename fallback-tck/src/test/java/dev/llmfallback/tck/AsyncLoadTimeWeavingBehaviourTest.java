package dev.llmfallback.tck;

/**
 * The behaviour suite through async annotated heads as the AspectJ load-time weaver weaves them: Surefire runs
 * this class, with {@link LoadTimeWeavingBehaviourTest}, in a JVM started with
 * {@code -javaagent:aspectjweaver.jar}.
 */
class AsyncLoadTimeWeavingBehaviourTest extends AsyncAnnotatedBehaviourContract {

    private final FrontDoor door = new AsyncAnnotatedDoor("AspectJ load-time weaving");

    @Override
    protected FrontDoor door() {
        return door;
    }
}
