package dev.llmfallback.agentit.shapes;

import dev.llmfallback.LlmFallback;

/** Static methods of an interface (its default methods are the implementation's business). */
public interface WithDefaults {

    @LlmFallback(next = "staticFallback")
    static String staticHead(String prompt) {
        throw new java.io.UncheckedIOException(new java.net.ConnectException("down"));
    }

    static String staticFallback(String prompt) {
        return "interface static fallback";
    }
}
