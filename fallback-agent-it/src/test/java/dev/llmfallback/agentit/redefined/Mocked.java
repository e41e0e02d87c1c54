package dev.llmfallback.agentit.redefined;

import dev.llmfallback.LlmFallback;
import java.util.ArrayList;
import java.util.List;

/** {@link NoInitializer}'s shape again, for Mockito to mock and spy on: no static initializer of its own. */
public class Mocked {

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
