package dev.llmfallback.tck;

/** {@link ListenerContract} through {@link dev.llmfallback.FallbackChain}. */
class ListenerProgrammaticTest extends ListenerContract {

    private final FrontDoor door = new ProgrammaticDoor();

    @Override
    protected FrontDoor door() {
        return door;
    }
}
