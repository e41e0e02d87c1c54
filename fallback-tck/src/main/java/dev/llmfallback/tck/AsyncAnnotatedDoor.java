package dev.llmfallback.tck;

import dev.llmfallback.FallbackTrace;
import dev.llmfallback.tck.fixtures.AsyncCustomPredicates;
import dev.llmfallback.tck.fixtures.AsyncHealthProviders;
import dev.llmfallback.tck.fixtures.AsyncThreeProviders;
import dev.llmfallback.tck.fixtures.AsyncTimedProviders;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reaches each chain by calling the async head of an annotated fixture ({@code AsyncThreeProviders},
 * {@code AsyncTimedProviders}, {@code AsyncCustomPredicates}: {@link AnnotatedDoor}'s fixtures with links
 * that answer futures and do their work on threads of their own), one fixture instance per script; waits for
 * the future and answers as {@link FrontDoor} says, the trace being {@link FallbackTrace#of} that future. The
 * async chains of {@link #asyncThreeProviders} are {@link AnnotatedDoor}'s. Works only where some weaving
 * intercepts the fixtures; {@link AsyncAnnotatedBehaviourContract} checks that first.
 */
public final class AsyncAnnotatedDoor implements FrontDoor {

    private final AnnotatedDoor annotated;
    private final String weaving;
    private final AsyncCaller caller = new AsyncCaller();

    public AsyncAnnotatedDoor(String weaving) {
        this.annotated = new AnnotatedDoor(weaving);
        this.weaving = weaving;
    }

    @Override
    public boolean async() {
        return true;
    }

    @Override
    public boolean providersRunOnEngineThreads() {
        return false;
    }

    @Override
    public FallbackTrace lastTrace() {
        return caller.lastTrace();
    }

    @Override
    public String threeProviders(Script script, String prompt) throws Exception {
        AsyncThreeProviders fixture = script.shared(AsyncThreeProviders.class, () -> new AsyncThreeProviders(script));
        return caller.await(() -> fixture.callAnthropic(prompt));
    }

    @Override
    public List<String> threeProviderLabels() {
        // The last link has no @LlmFallback, so no provider label: its method name stands in.
        return List.of("anthropic", "openai", "callLocal");
    }

    @Override
    public List<String> threeProviderMethods() {
        return List.of("AsyncThreeProviders.callAnthropic", "AsyncThreeProviders.callOpenAi",
                "AsyncThreeProviders.callLocal");
    }

    @Override
    public CompletableFuture<String> asyncThreeProviders(Script script, String prompt) throws Exception {
        return annotated.asyncThreeProviders(script, prompt);
    }

    @Override
    public CompletableFuture<String> asyncTimedThreeProviders(Script script, String prompt) throws Exception {
        return annotated.asyncTimedThreeProviders(script, prompt);
    }

    @Override
    public String timedThreeProviders(Script script, String prompt) throws Exception {
        AsyncTimedProviders fixture = timed(script);
        return caller.await(() -> fixture.callAnthropic(prompt));
    }

    @Override
    public String deadlineThreeProviders(Script script, String prompt) throws Exception {
        AsyncTimedProviders fixture = timed(script);
        return caller.await(() -> fixture.withDeadline(prompt));
    }

    @Override
    public String rateLimitedOnly(Script script, String prompt) throws Exception {
        AsyncCustomPredicates fixture = predicates(script);
        return caller.await(() -> fixture.rateLimitedOnly(prompt));
    }

    @Override
    public String alwaysMovesOn(Script script, String prompt) throws Exception {
        AsyncCustomPredicates fixture = predicates(script);
        return caller.await(() -> fixture.alwaysMovesOn(prompt));
    }

    @Override
    public String throwingPredicate(Script script, String prompt) throws Exception {
        AsyncCustomPredicates fixture = predicates(script);
        return caller.await(() -> fixture.throwingPredicate(prompt));
    }

    @Override
    public String healthThree(Script script, String prompt) throws Exception {
        AsyncHealthProviders fixture = health(script);
        return caller.await(() -> fixture.callAnthropic(prompt));
    }

    @Override
    public String healthTimedThree(Script script, String prompt) throws Exception {
        AsyncHealthProviders fixture = health(script);
        return caller.await(() -> fixture.timedAnthropic(prompt));
    }

    @Override
    public String healthOtherChain(Script script, String prompt) throws Exception {
        AsyncHealthProviders fixture = health(script);
        return caller.await(() -> fixture.otherChain(prompt));
    }

    private static AsyncHealthProviders health(Script script) {
        return script.shared(AsyncHealthProviders.class, () -> new AsyncHealthProviders(script));
    }

    private static AsyncTimedProviders timed(Script script) {
        return script.shared(AsyncTimedProviders.class, () -> new AsyncTimedProviders(script));
    }

    private static AsyncCustomPredicates predicates(Script script) {
        return script.shared(AsyncCustomPredicates.class, () -> new AsyncCustomPredicates(script));
    }

    @Override
    public String toString() {
        return "async annotated fixtures, " + weaving;
    }
}
