package dev.llmfallback.benchmarks.agent;

import dev.llmfallback.LlmFallback;
import dev.llmfallback.benchmarks.ProviderStatusException;

/**
 * The benchmark providers as annotated methods. Compiled by plain javac and never touched by ajc: the Byte Buddy agent weaves it when it loads (only in the JVMs the launcher starts with {@code -javaagent}).
 * Same bodies as {@link dev.llmfallback.benchmarks.Providers}.
 */
public class AgentProviders {

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
