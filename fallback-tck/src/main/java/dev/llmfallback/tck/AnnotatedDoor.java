package dev.llmfallback.tck;

import dev.llmfallback.tck.fixtures.AsyncProviders;
import dev.llmfallback.tck.fixtures.CustomPredicates;
import dev.llmfallback.tck.fixtures.HealthProviders;
import dev.llmfallback.tck.fixtures.ThreeProviders;
import dev.llmfallback.tck.fixtures.TimedProviders;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reaches each chain by calling the head of an annotated fixture, one fixture instance per script. Works
 * only where some weaving intercepts the fixtures; {@link AnnotatedBehaviourContract} checks that first.
 */
public final class AnnotatedDoor implements FrontDoor {

    private final String weaving;

    public AnnotatedDoor(String weaving) {
        this.weaving = weaving;
    }

    @Override
    public String threeProviders(Script script, String prompt) throws Exception {
        return script.shared(ThreeProviders.class, () -> new ThreeProviders(script)).callAnthropic(prompt);
    }

    @Override
    public CompletableFuture<String> asyncThreeProviders(Script script, String prompt) throws Exception {
        return script.shared(AsyncProviders.class, () -> new AsyncProviders(script)).callAnthropic(prompt);
    }

    @Override
    public CompletableFuture<String> asyncTimedThreeProviders(Script script, String prompt) throws Exception {
        return script.shared(AsyncProviders.class, () -> new AsyncProviders(script)).timedAnthropic(prompt);
    }

    @Override
    public String timedThreeProviders(Script script, String prompt) throws Exception {
        return script.shared(TimedProviders.class, () -> new TimedProviders(script)).callAnthropic(prompt);
    }

    @Override
    public String deadlineThreeProviders(Script script, String prompt) throws Exception {
        return script.shared(TimedProviders.class, () -> new TimedProviders(script)).withDeadline(prompt);
    }

    @Override
    public List<String> threeProviderLabels() {
        // The last link has no @LlmFallback, so no provider label: its method name stands in.
        return List.of("anthropic", "openai", "callLocal");
    }

    @Override
    public List<String> threeProviderMethods() {
        return List.of("ThreeProviders.callAnthropic", "ThreeProviders.callOpenAi", "ThreeProviders.callLocal");
    }

    @Override
    public String rateLimitedOnly(Script script, String prompt) throws Exception {
        return predicates(script).rateLimitedOnly(prompt);
    }

    @Override
    public String alwaysMovesOn(Script script, String prompt) throws Exception {
        return predicates(script).alwaysMovesOn(prompt);
    }

    @Override
    public String throwingPredicate(Script script, String prompt) throws Exception {
        return predicates(script).throwingPredicate(prompt);
    }

    private static CustomPredicates predicates(Script script) {
        return script.shared(CustomPredicates.class, () -> new CustomPredicates(script));
    }

    @Override
    public String healthThree(Script script, String prompt) throws Exception {
        return health(script).callAnthropic(prompt);
    }

    @Override
    public String healthTimedThree(Script script, String prompt) throws Exception {
        return health(script).timedAnthropic(prompt);
    }

    @Override
    public String healthOtherChain(Script script, String prompt) throws Exception {
        return health(script).otherChain(prompt);
    }

    private static HealthProviders health(Script script) {
        return script.shared(HealthProviders.class, () -> new HealthProviders(script));
    }

    @Override
    public String toString() {
        return "annotated fixtures, " + weaving;
    }
}
