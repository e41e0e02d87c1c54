package dev.llmfallback.tck;

import dev.llmfallback.Always;
import dev.llmfallback.FallbackChain;
import dev.llmfallback.OutageCooldown;
import dev.llmfallback.RateLimited;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reaches each chain through {@link FallbackChain#run}, one chain per script, reused across calls. The
 * chains themselves are built here once for both programmatic doors ({@link AsyncProgrammaticDoor} runs the
 * same ones with {@link FallbackChain#runAsync}).
 */
public final class ProgrammaticDoor implements FrontDoor {

    @Override
    public String threeProviders(Script script, String prompt) throws Exception {
        return three(script).run(prompt);
    }

    static FallbackChain<String, String> three(Script script) {
        return script.shared("three", () -> FallbackChain.<String, String>builder()
                .provider("anthropic", p -> script.call(0, p))
                .provider("openai", p -> script.call(1, p))
                .provider("local", p -> script.call(2, p))
                .build());
    }

    @Override
    public CompletableFuture<String> asyncThreeProviders(Script script, String prompt) {
        return script.shared("async", () -> FallbackChain.<String, String>builder()
                .asyncProvider("anthropic", p -> callAsync(script, 0, p))
                .asyncProvider("openai", p -> callAsync(script, 1, p))
                .asyncProvider("local", p -> callAsync(script, 2, p))
                .build()).runAsync(prompt);
    }

    @Override
    public CompletableFuture<String> asyncTimedThreeProviders(Script script, String prompt) {
        return script.shared("asyncTimed", () -> FallbackChain.<String, String>builder()
                .asyncProvider("anthropic", p -> callAsync(script, 0, p), null,
                        Duration.ofMillis(BehaviourContract.TIMEOUT_MS))
                .asyncProvider("openai", p -> callAsync(script, 1, p))
                .asyncProvider("local", p -> callAsync(script, 2, p))
                .build()).runAsync(prompt);
    }

    @Override
    public String timedThreeProviders(Script script, String prompt) throws Exception {
        return timed(script).run(prompt);
    }

    static FallbackChain<String, String> timed(Script script) {
        return script.shared("timed", () -> FallbackChain.<String, String>builder()
                .provider("anthropic", p -> script.call(0, p), Duration.ofMillis(BehaviourContract.TIMEOUT_MS))
                .provider("openai", p -> script.call(1, p))
                .provider("local", p -> script.call(2, p))
                .build());
    }

    @Override
    public String deadlineThreeProviders(Script script, String prompt) throws Exception {
        return deadline(script).run(prompt);
    }

    static FallbackChain<String, String> deadline(Script script) {
        return script.shared("deadline", () -> FallbackChain.<String, String>builder()
                .provider("anthropic", p -> script.call(0, p),
                        Duration.ofMillis(BehaviourContract.DEADLINE_FIRST_TIMEOUT_MS))
                .provider("openai", p -> script.call(1, p))
                .provider("local", p -> script.call(2, p))
                .deadline(Duration.ofMillis(BehaviourContract.DEADLINE_MS))
                .build());
    }

    /** A thrown failure here stands for an async provider that fails before returning a stage. */
    private static CompletableFuture<String> callAsync(Script script, int provider, String prompt) {
        try {
            return script.callAsync(provider, prompt);
        } catch (Exception failure) {
            throw new java.util.concurrent.CompletionException(failure);
        }
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
        return rateLimited(script).run(prompt);
    }

    static FallbackChain<String, String> rateLimited(Script script) {
        return script.shared("rateLimited", () -> FallbackChain.<String, String>builder()
                .provider("anthropic", p -> script.call(0, p), RateLimited.INSTANCE)
                .provider("openai", p -> script.call(1, p))
                .build());
    }

    @Override
    public String alwaysMovesOn(Script script, String prompt) throws Exception {
        return always(script).run(prompt);
    }

    static FallbackChain<String, String> always(Script script) {
        return script.shared("always", () -> FallbackChain.<String, String>builder()
                .provider("anthropic", p -> script.call(0, p), Always.INSTANCE)
                .provider("openai", p -> script.call(1, p))
                .build());
    }

    @Override
    public String throwingPredicate(Script script, String prompt) throws Exception {
        return throwing(script).run(prompt);
    }

    static FallbackChain<String, String> throwing(Script script) {
        return script.shared("throwing", () -> FallbackChain.<String, String>builder()
                .provider("anthropic", p -> script.call(0, p), new ThrowingPredicate())
                .provider("openai", p -> script.call(1, p))
                .build());
    }

    @Override
    public String healthThree(Script script, String prompt) throws Exception {
        return health(script).run(prompt);
    }

    static FallbackChain<String, String> health(Script script) {
        return script.shared("health", () -> FallbackChain.<String, String>builder()
                .provider("anthropic", p -> script.call(0, p))
                .provider("openai", p -> script.call(1, p))
                .provider("local", p -> script.call(2, p))
                .health(OutageCooldown.INSTANCE)
                .build());
    }

    @Override
    public String healthTimedThree(Script script, String prompt) throws Exception {
        return healthTimed(script).run(prompt);
    }

    static FallbackChain<String, String> healthTimed(Script script) {
        return script.shared("healthTimed", () -> FallbackChain.<String, String>builder()
                .provider("anthropic", p -> script.call(0, p), Duration.ofMillis(BehaviourContract.TIMEOUT_MS))
                .provider("openai", p -> script.call(1, p))
                .provider("local", p -> script.call(2, p))
                .health(OutageCooldown.INSTANCE)
                .build());
    }

    @Override
    public String healthOtherChain(Script script, String prompt) throws Exception {
        return healthOther(script).run(prompt);
    }

    static FallbackChain<String, String> healthOther(Script script) {
        return script.shared("healthOther", () -> FallbackChain.<String, String>builder()
                .provider("anthropic", p -> script.call(0, p))
                .provider("local", p -> script.call(2, p))
                .health(OutageCooldown.INSTANCE)
                .build());
    }

    @Override
    public String toString() {
        return "programmatic FallbackChain";
    }
}
