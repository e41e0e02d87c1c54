package dev.llmfallback.benchmarks;

/**
 * The in-process fake providers every benchmark calls: one that answers, one that is overloaded, and a
 * second one that answers. Plain class, never woven. The answers are non-final fields so that the JIT
 * cannot fold them into constants.
 */
public class Providers {

    private String primaryAnswer = "primary answer";
    private String secondaryAnswer = "secondary answer";

    /**
     * The first provider, answering.
     *
     * @param prompt the prompt
     * @return its answer
     */
    public String primary(String prompt) {
        return primaryAnswer;
    }

    /**
     * The first provider, overloaded.
     *
     * @param prompt the prompt
     * @return never
     */
    public String overloaded(String prompt) {
        throw ProviderStatusException.OVERLOADED;
    }

    /**
     * The second provider, answering.
     *
     * @param prompt the prompt
     * @return its answer
     */
    public String secondary(String prompt) {
        return secondaryAnswer;
    }
}
