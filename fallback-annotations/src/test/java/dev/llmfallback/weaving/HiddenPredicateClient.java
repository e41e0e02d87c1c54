package dev.llmfallback.weaving;

import dev.llmfallback.LlmFallback;
import dev.llmfallback.SkipPredicate;

/**
 * A client whose chain names a predicate that {@link WovenChainsTest} hides from the class loader it
 * loads this class with: a class missing at run time. Top level, so that it has no nest host to check.
 */
public final class HiddenPredicateClient {

    /** The predicate, hidden in that test. */
    public static final class MissingPredicate implements SkipPredicate {
        @Override
        public boolean shouldSkip(Throwable failure) {
            return true;
        }
    }

    @LlmFallback(next = "fallback", skipOn = MissingPredicate.class)
    public String head(String prompt) {
        return "head";
    }

    public String fallback(String prompt) {
        return "fallback";
    }
}
