package dev.llmfallback.agentit.apps;

import dev.llmfallback.LlmFallback;

/**
 * An annotated class that refers to nothing of the API but the annotation, so that it loads where the API
 * is absent (the JVM ignores annotations whose type it cannot find): the agent cannot weave it, says so once,
 * and it runs unwoven.
 */
public class NoApiClient {

    /** Creates the client. */
    public NoApiClient() {
        // no state
    }

    /**
     * Fails; woven, it would fall over to {@link #fallback}.
     *
     * @param prompt the prompt
     * @return never returns
     */
    @LlmFallback(next = "fallback")
    public String head(String prompt) {
        throw new IllegalStateException("head ran its own body, unwoven");
    }

    /**
     * The fallback.
     *
     * @param prompt the prompt
     * @return an answer
     */
    public String fallback(String prompt) {
        return "fallback";
    }
}
