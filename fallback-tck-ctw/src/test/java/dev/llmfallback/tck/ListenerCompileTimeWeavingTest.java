package dev.llmfallback.tck;

/** {@link ListenerContract} through the fixtures as ajc wove them at build time. */
class ListenerCompileTimeWeavingTest extends ListenerContract {

    private final FrontDoor door = new AnnotatedDoor("AspectJ compile-time weaving");

    @Override
    protected FrontDoor door() {
        return door;
    }
}
