package dev.llmfallback.tck;

import java.util.List;

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

    /** anthropic (skipOn = RateLimited) -> openai. */
    String rateLimitedOnly(Script script, String prompt) throws Exception;

    /** anthropic (skipOn = Always) -> openai. */
    String alwaysMovesOn(Script script, String prompt) throws Exception;

    /** anthropic (skipOn = {@link ThrowingPredicate}) -> openai. */
    String throwingPredicate(Script script, String prompt) throws Exception;
}
