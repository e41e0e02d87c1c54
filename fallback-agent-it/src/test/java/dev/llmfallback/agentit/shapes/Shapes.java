package dev.llmfallback.agentit.shapes;

import dev.llmfallback.LlmFallback;
import java.util.ArrayList;
import java.util.List;

/**
 * Method shapes beyond the behaviour suite's fixtures: primitive and void returns, a generic method,
 * varargs, a null answer, a checked exception, a subclass that overrides a head and calls super.
 */
public class Shapes {

    /** How many times each body ran, for the tests. */
    public final List<String> ran = new ArrayList<>();

    @LlmFallback(next = "intFallback")
    public int primitive(int x) {
        ran.add("primitive");
        throw new java.io.UncheckedIOException(new java.net.ConnectException("down"));
    }

    int intFallback(int x) {
        ran.add("intFallback");
        return x * 2;
    }

    @LlmFallback(next = "voidFallback")
    public void voidMethod(String prompt) {
        ran.add("voidMethod");
        throw new java.io.UncheckedIOException(new java.net.ConnectException("down"));
    }

    void voidFallback(String prompt) {
        ran.add("voidFallback:" + prompt);
    }

    @LlmFallback(next = "genericFallback")
    public <T extends CharSequence> T generic(T prompt) {
        ran.add("generic");
        throw new java.io.UncheckedIOException(new java.net.ConnectException("down"));
    }

    <T extends CharSequence> T genericFallback(T prompt) {
        ran.add("genericFallback");
        return prompt;
    }

    @LlmFallback(next = "varargsFallback")
    public String varargs(String... prompts) {
        ran.add("varargs");
        throw new java.io.UncheckedIOException(new java.net.ConnectException("down"));
    }

    String varargsFallback(String... prompts) {
        return String.join("+", prompts);
    }

    @LlmFallback(next = "nullFallback")
    public String returnsNull(String prompt) {
        throw new java.io.UncheckedIOException(new java.net.ConnectException("down"));
    }

    String nullFallback(String prompt) {
        return null;
    }

    @LlmFallback
    public String checked(String prompt) throws Exception {
        throw new java.io.IOException("checked, and unclassified: stops");
    }

    @LlmFallback
    public String succeeds(String prompt) {
        ran.add("succeeds");
        return "ok:" + prompt;
    }
}
