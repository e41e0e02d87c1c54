package dev.llmfallback.tck;

/**
 * The behaviour suite against the fixtures as ajc wove them at build time, with fallback-weaver as an
 * aspect library; the unwoven fallback-tck jar is kept off the test class path.
 */
class CompileTimeWeavingBehaviourTest extends AnnotatedBehaviourContract {

    private final FrontDoor door = new AnnotatedDoor("AspectJ compile-time weaving");

    @Override
    protected FrontDoor door() {
        return door;
    }
}
