package dev.llmfallback.tck;

/**
 * The behaviour suite against the fixtures as the AspectJ load-time weaver weaves them: Surefire runs this
 * class alone in a JVM started with {@code -javaagent:aspectjweaver.jar}, and the weaver finds the aspect
 * through the {@code META-INF/aop.xml} that fallback-weaver ships.
 */
class LoadTimeWeavingBehaviourTest extends AnnotatedBehaviourContract {

    private final FrontDoor door = new AnnotatedDoor("AspectJ load-time weaving");

    @Override
    protected FrontDoor door() {
        return door;
    }
}
