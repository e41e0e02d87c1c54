package dev.llmfallback.tck;

/** The behaviour suite against {@link dev.llmfallback.FallbackChain}. */
class ProgrammaticBehaviourTest extends ProviderHealthContract {

    private final FrontDoor door = new ProgrammaticDoor();

    @Override
    protected FrontDoor door() {
        return door;
    }
}
