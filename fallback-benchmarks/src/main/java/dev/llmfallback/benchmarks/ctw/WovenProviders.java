package dev.llmfallback.benchmarks.ctw;

import dev.llmfallback.LlmFallback;
import dev.llmfallback.benchmarks.ProviderStatusException;

/**
 * The benchmark providers as annotated methods. Woven at build time by ajc (fallback-weaver as aspect library): the AspectJ compile-time front door.
 * Same bodies as {@link dev.llmfallback.benchmarks.Providers}.
 */
public class WovenProviders {

    private String primaryAnswer = "primary answer";
    private String secondaryAnswer = "secondary answer";

    /**
     * The happy chain's head: answers.
     *
     * @param prompt the prompt
     * @return its answer
     */
    @LlmFallback(next = "secondary", provider = "primary")
    public String primary(String prompt) {
        return primaryAnswer;
    }

    /**
     * The fall-over chain's head: overloaded (529, the default RetryableOnly moves on).
     *
     * @param prompt the prompt
     * @return never
     */
    @LlmFallback(next = "secondary", provider = "primary")
    public String overloaded(String prompt) {
        throw ProviderStatusException.OVERLOADED;
    }

    /**
     * The last link: answers.
     *
     * @param prompt the prompt
     * @return its answer
     */
    public String secondary(String prompt) {
        return secondaryAnswer;
    }
}
