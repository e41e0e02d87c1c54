package dev.llmfallback.agentit.redefined;

import dev.llmfallback.LlmFallback;
import java.util.ArrayList;
import java.util.List;

/**
 * A chain in a class that has no static initializer of its own (no static field with an initializer, no
 * {@code assert}): the agent adds one at load, for its misconfiguration report.
 */
public class NoInitializer {

    /** The bodies that ran, in order. */
    public final List<String> ran = new ArrayList<>();

    @LlmFallback(next = "fallback")
    public String head(String prompt) {
        ran.add("head");
        throw new java.io.UncheckedIOException(new java.net.ConnectException("down"));
    }

    public String fallback(String prompt) {
        ran.add("fallback");
        return "fallback";
    }
}
