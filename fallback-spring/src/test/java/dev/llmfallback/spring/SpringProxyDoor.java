package dev.llmfallback.spring;

import dev.llmfallback.tck.AnnotatedDoor;
import dev.llmfallback.tck.FrontDoor;
import dev.llmfallback.tck.Script;
import dev.llmfallback.tck.fixtures.AsyncProviders;
import dev.llmfallback.tck.fixtures.CustomPredicates;
import dev.llmfallback.tck.fixtures.HealthProviders;
import dev.llmfallback.tck.fixtures.ThreeProviders;
import dev.llmfallback.tck.fixtures.TimedProviders;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.aop.framework.ProxyFactory;

/**
 * Reaches the TCK's annotated fixtures through class-based Spring proxies carrying {@link LlmFallbackAdvisor}, as
 * the auto-proxy creator makes them for beans: the Spring AOP front door, with no weaving.
 */
final class SpringProxyDoor implements FrontDoor {

    private static final LlmFallbackAdvisor ADVISOR = new LlmFallbackAdvisor();

    private final FrontDoor labels = new AnnotatedDoor("labels only");

    @SuppressWarnings("unchecked")
    static <T> T proxied(T target) {
        ProxyFactory factory = new ProxyFactory(target);
        factory.setProxyTargetClass(true);
        factory.addAdvisor(ADVISOR);
        return (T) factory.getProxy();
    }

    @Override
    public String threeProviders(Script script, String prompt) throws Exception {
        return script.shared(ThreeProviders.class, () -> proxied(new ThreeProviders(script))).callAnthropic(prompt);
    }

    @Override
    public CompletableFuture<String> asyncThreeProviders(Script script, String prompt) throws Exception {
        return async(script).callAnthropic(prompt);
    }

    @Override
    public CompletableFuture<String> asyncTimedThreeProviders(Script script, String prompt) throws Exception {
        return async(script).timedAnthropic(prompt);
    }

    private static AsyncProviders async(Script script) {
        return script.shared(AsyncProviders.class, () -> proxied(new AsyncProviders(script)));
    }

    @Override
    public String timedThreeProviders(Script script, String prompt) throws Exception {
        return timed(script).callAnthropic(prompt);
    }

    @Override
    public String deadlineThreeProviders(Script script, String prompt) throws Exception {
        return timed(script).withDeadline(prompt);
    }

    private static TimedProviders timed(Script script) {
        return script.shared(TimedProviders.class, () -> proxied(new TimedProviders(script)));
    }

    @Override
    public List<String> threeProviderLabels() {
        return labels.threeProviderLabels();
    }

    @Override
    public List<String> threeProviderMethods() {
        return labels.threeProviderMethods();
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
        return script.shared(CustomPredicates.class, () -> proxied(new CustomPredicates(script)));
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
        return script.shared(HealthProviders.class, () -> proxied(new HealthProviders(script)));
    }

    @Override
    public String toString() {
        return "annotated fixtures, Spring AOP proxies";
    }
}
