package dev.llmfallback.tck;

import dev.llmfallback.FallbackTrace;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How a test reaches a chain: programmatically, or by calling the head of an annotated fixture that some
 * weaving intercepts. Every chain's providers delegate to a {@link Script}.
 *
 * <p>The methods that answer a {@code String} run the chain to its end and answer as a sync chain does: the
 * answer, or the failure that stopped the chain thrown unchanged, or {@link dev.llmfallback.AllProvidersFailedException}.
 * A door may run them as sync chains or as async chains whose future it waits for ({@link #async()}).
 */
public interface FrontDoor {

    /**
     * The trace of the chain this door last ran on the calling thread, through one of the methods that
     * answer a {@code String}. A sync door's is {@link FallbackTrace#current()}; an async door's is
     * {@link FallbackTrace#of} the future that chain answered with.
     */
    default FallbackTrace lastTrace() {
        return FallbackTrace.current();
    }

    /**
     * Whether the methods that answer a {@code String} run async chains (SPEC §7) and wait for their future:
     * then nothing the chain does is bound to the calling thread (its interrupt flag, its
     * {@link FallbackTrace#current()}), and scenarios about those are skipped.
     */
    default boolean async() {
        return false;
    }

    /**
     * Whether the scripted providers run on threads the engine runs attempts on (the caller's, or the engine's
     * workers), so that what the engine carries to its workers (a registered
     * {@link dev.llmfallback.ThreadContextPropagator}) reaches them. False where an async provider does its
     * work on threads of its own, as an SDK's async client does.
     */
    default boolean providersRunOnEngineThreads() {
        return true;
    }

    /** anthropic -> openai -> local, every link judged by the default predicate. */
    String threeProviders(Script script, String prompt) throws Exception;

    /** The provider labels the trace shows for {@link #threeProviders}, in order. */
    List<String> threeProviderLabels();

    /** The method labels the trace shows for {@link #threeProviders}, in order. */
    List<String> threeProviderMethods();

    /** Async links returning futures: anthropic -> openai -> local. */
    CompletableFuture<String> asyncThreeProviders(Script script, String prompt) throws Exception;

    /** Like {@link #asyncThreeProviders}, anthropic with a {@value BehaviourContract#TIMEOUT_MS} ms timeout. */
    CompletableFuture<String> asyncTimedThreeProviders(Script script, String prompt) throws Exception;

    /** anthropic (timeout {@value BehaviourContract#TIMEOUT_MS} ms) -> openai -> local. */
    String timedThreeProviders(Script script, String prompt) throws Exception;

    /**
     * deadline {@value BehaviourContract#DEADLINE_MS} ms: anthropic (timeout
     * {@value BehaviourContract#DEADLINE_FIRST_TIMEOUT_MS} ms) -> openai (no timeout of its own) -> local.
     */
    String deadlineThreeProviders(Script script, String prompt) throws Exception;

    /** anthropic (skipOn = RateLimited) -> openai. */
    String rateLimitedOnly(Script script, String prompt) throws Exception;

    /** anthropic (skipOn = Always) -> openai. */
    String alwaysMovesOn(Script script, String prompt) throws Exception;

    /** anthropic (skipOn = {@link ThrowingPredicate}) -> openai. */
    String throwingPredicate(Script script, String prompt) throws Exception;

    /**
     * SPEC §9: anthropic -> openai -> local, every link with {@code health = OutageCooldown}, on the process-wide
     * registry ({@link dev.llmfallback.ProviderHealth#shared()}).
     */
    String healthThree(Script script, String prompt) throws Exception;

    /** Like {@link #healthThree}, anthropic with a {@value BehaviourContract#TIMEOUT_MS} ms timeout. */
    String healthTimedThree(Script script, String prompt) throws Exception;

    /** A second chain naming anthropic, with its health: anthropic -> local (script providers 0 and 2). */
    String healthOtherChain(Script script, String prompt) throws Exception;
}
