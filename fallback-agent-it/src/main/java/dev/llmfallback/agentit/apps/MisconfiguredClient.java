package dev.llmfallback.agentit.apps;

import dev.llmfallback.LlmFallback;

/** A chain whose {@code next} has a typo, and a valid chain beside it. */
public class MisconfiguredClient {

    /** Creates the client. */
    public MisconfiguredClient() {
        // no state
    }

    /**
     * Misconfigured: {@code callOpenAI} does not exist.
     *
     * @param prompt the prompt
     * @return never returns
     */
    @LlmFallback(next = "callOpenAI")
    public String head(String prompt) {
        return "anthropic";
    }

    /**
     * The method {@link #head} meant.
     *
     * @param prompt the prompt
     * @return an answer
     */
    public String callOpenAi(String prompt) {
        return "openai";
    }

    /**
     * A valid chain in the same class: it works.
     *
     * @param prompt the prompt
     * @return the answer of {@link #callOpenAi}
     */
    @LlmFallback(next = "callOpenAi")
    public String valid(String prompt) {
        throw new java.io.UncheckedIOException(new java.net.ConnectException("down"));
    }
}
