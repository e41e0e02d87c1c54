package dev.llmfallback.agentit.demo;

import dev.llmfallback.LlmFallback;

/**
 * The SPEC's three-provider client, with fake providers: Anthropic is overloaded, OpenAI answers. Plain
 * code with annotations; the agent weaves it as it loads.
 */
public class Summarizer {

    /** Creates the client. */
    public Summarizer() {
        // no state
    }

    /**
     * The head: the app calls only this.
     *
     * @param prompt the text to summarise
     * @return a summary
     */
    @LlmFallback(next = "callOpenAi", provider = "anthropic")
    public String callAnthropic(String prompt) {
        throw new Overloaded("anthropic");
    }

    /**
     * The second provider.
     *
     * @param prompt the text to summarise
     * @return a summary
     */
    @LlmFallback(next = "callLocal", provider = "openai")
    public String callOpenAi(String prompt) {
        return "summary from openai (" + prompt.length() + " characters in)";
    }

    /**
     * The last resort.
     *
     * @param prompt the text to summarise
     * @return a degraded summary
     */
    public String callLocal(String prompt) {
        return "summary from the local model";
    }
}
