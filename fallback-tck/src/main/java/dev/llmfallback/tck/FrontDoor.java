package dev.llmfallback.tck;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How a test reaches a chain: programmatically, or by calling the head of an annotated fixture that some
 * weaving intercepts. Every chain's providers delegate to a {@link Script}.
 */
public interface FrontDoor {

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
}
