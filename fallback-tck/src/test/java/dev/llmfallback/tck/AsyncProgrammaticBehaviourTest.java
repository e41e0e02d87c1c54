package dev.llmfallback.tck;

/**
 * The behaviour suite against {@link dev.llmfallback.FallbackChain#runAsync}: every scenario that
 * {@link ProgrammaticBehaviourTest} runs with {@code run}, but for those about the calling thread (skipped,
 * with the reason, by {@link BehaviourContract#assumeSyncDoor}).
 */
class AsyncProgrammaticBehaviourTest extends ProviderHealthContract {

    private final FrontDoor door = new AsyncProgrammaticDoor();

    @Override
    protected FrontDoor door() {
        return door;
    }
}
