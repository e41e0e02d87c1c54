package dev.llmfallback.tck;

/**
 * The behaviour suite through async annotated heads as ajc wove them at build time, with fallback-weaver as
 * an aspect library; the unwoven fallback-tck jar is kept off the test class path.
 */
class AsyncCompileTimeWeavingBehaviourTest extends AsyncAnnotatedBehaviourContract {

    private final FrontDoor door = new AsyncAnnotatedDoor("AspectJ compile-time weaving");

    @Override
    protected FrontDoor door() {
        return door;
    }
}
