package dev.llmfallback.tck;

import dev.llmfallback.FallbackChain;
import dev.llmfallback.FallbackTrace;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs {@link ProgrammaticDoor}'s chains, sync providers and all, with {@link FallbackChain#runAsync} (which
 * runs sync providers on worker threads), waits for the future and answers as {@link FrontDoor} says; the
 * trace is {@link FallbackTrace#of} that future. The async links of {@link #asyncThreeProviders} are
 * {@link ProgrammaticDoor}'s.
 */
public final class AsyncProgrammaticDoor implements FrontDoor {

    private final ProgrammaticDoor sync = new ProgrammaticDoor();
    private final AsyncCaller caller = new AsyncCaller();

    @Override
    public boolean async() {
        return true;
    }

    @Override
    public FallbackTrace lastTrace() {
        return caller.lastTrace();
    }

    @Override
    public String threeProviders(Script script, String prompt) throws Exception {
        return caller.await(() -> ProgrammaticDoor.three(script).runAsync(prompt));
    }

    @Override
    public List<String> threeProviderLabels() {
        return sync.threeProviderLabels();
    }

    @Override
    public List<String> threeProviderMethods() {
        return sync.threeProviderMethods();
    }

    @Override
    public CompletableFuture<String> asyncThreeProviders(Script script, String prompt) {
        return sync.asyncThreeProviders(script, prompt);
    }

    @Override
    public CompletableFuture<String> asyncTimedThreeProviders(Script script, String prompt) {
        return sync.asyncTimedThreeProviders(script, prompt);
    }

    @Override
    public String timedThreeProviders(Script script, String prompt) throws Exception {
        return caller.await(() -> ProgrammaticDoor.timed(script).runAsync(prompt));
    }

    @Override
    public String deadlineThreeProviders(Script script, String prompt) throws Exception {
        return caller.await(() -> ProgrammaticDoor.deadline(script).runAsync(prompt));
    }

    @Override
    public String rateLimitedOnly(Script script, String prompt) throws Exception {
        return caller.await(() -> ProgrammaticDoor.rateLimited(script).runAsync(prompt));
    }

    @Override
    public String alwaysMovesOn(Script script, String prompt) throws Exception {
        return caller.await(() -> ProgrammaticDoor.always(script).runAsync(prompt));
    }

    @Override
    public String throwingPredicate(Script script, String prompt) throws Exception {
        return caller.await(() -> ProgrammaticDoor.throwing(script).runAsync(prompt));
    }

    @Override
    public String healthThree(Script script, String prompt) throws Exception {
        return caller.await(() -> ProgrammaticDoor.health(script).runAsync(prompt));
    }

    @Override
    public String healthTimedThree(Script script, String prompt) throws Exception {
        return caller.await(() -> ProgrammaticDoor.healthTimed(script).runAsync(prompt));
    }

    @Override
    public String healthOtherChain(Script script, String prompt) throws Exception {
        return caller.await(() -> ProgrammaticDoor.healthOther(script).runAsync(prompt));
    }

    @Override
    public String toString() {
        return "programmatic FallbackChain.runAsync";
    }
}
