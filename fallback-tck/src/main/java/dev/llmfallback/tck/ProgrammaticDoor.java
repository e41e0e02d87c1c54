package dev.llmfallback.tck;

import dev.llmfallback.Always;
import dev.llmfallback.FallbackChain;
import dev.llmfallback.RateLimited;
import java.util.List;

/** Reaches each chain through {@link FallbackChain}, one chain per script, reused across calls. */
public final class ProgrammaticDoor implements FrontDoor {

    @Override
    public String threeProviders(Script script, String prompt) throws Exception {
        return script.shared("three", () -> FallbackChain.<String, String>builder()
                .provider("anthropic", p -> script.call(0, p))
                .provider("openai", p -> script.call(1, p))
                .provider("local", p -> script.call(2, p))
                .build()).run(prompt);
    }

    @Override
    public List<String> threeProviderLabels() {
        return List.of("anthropic", "openai", "local");
    }

    @Override
    public List<String> threeProviderMethods() {
        return List.of("anthropic", "openai", "local");
    }

    @Override
    public String rateLimitedOnly(Script script, String prompt) throws Exception {
        return script.shared("rateLimited", () -> FallbackChain.<String, String>builder()
                .provider("anthropic", p -> script.call(0, p), RateLimited.INSTANCE)
                .provider("openai", p -> script.call(1, p))
                .build()).run(prompt);
    }

    @Override
    public String alwaysMovesOn(Script script, String prompt) throws Exception {
        return script.shared("always", () -> FallbackChain.<String, String>builder()
                .provider("anthropic", p -> script.call(0, p), Always.INSTANCE)
                .provider("openai", p -> script.call(1, p))
                .build()).run(prompt);
    }

    @Override
    public String throwingPredicate(Script script, String prompt) throws Exception {
        return script.shared("throwing", () -> FallbackChain.<String, String>builder()
                .provider("anthropic", p -> script.call(0, p), new ThrowingPredicate())
                .provider("openai", p -> script.call(1, p))
                .build()).run(prompt);
    }

    @Override
    public String toString() {
        return "programmatic FallbackChain";
    }
}
