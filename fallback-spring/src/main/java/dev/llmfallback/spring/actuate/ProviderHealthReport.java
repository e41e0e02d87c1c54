package dev.llmfallback.spring.actuate;

import dev.llmfallback.ProviderHealth;
import dev.llmfallback.internal.health.HealthRegistry;
import dev.llmfallback.internal.health.ProviderCell;
import dev.llmfallback.internal.plan.AnnotatedChains;
import dev.llmfallback.internal.plan.ChainPlan;
import dev.llmfallback.internal.run.Chain;
import dev.llmfallback.internal.run.Link;
import dev.llmfallback.spring.internal.ChainValidator;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the actuator shows, computed the same way for Boot 3.5 and 4: the context's chains with the settings in force,
 * and the health of their providers (and of any other provider the process has seen) in
 * {@link ProviderHealth#shared()}. The health contributor's verdict is always UP: a cooling provider is the library
 * doing its job (its chains skip it and answer from the next provider), not the application being down; the
 * details list the providers that are not healthy. Thread-safe; every call reads the state anew.
 */
public final class ProviderHealthReport {

    private final ChainValidator chains;
    private final Clock clock;

    /**
     * A report over the chains the context's start-up validation found.
     *
     * @param chains the validator, which knows the context's chain heads
     * @param clock  the wall clock the time left is measured on
     */
    public ProviderHealthReport(ChainValidator chains, Clock clock) {
        this.chains = chains;
        this.clock = clock;
    }

    /**
     * The context's chains, by name, with the settings now in force.
     *
     * @return one description per {@code @LlmFallback} method of the context's bean classes
     */
    public List<ChainDescription> chains() {
        List<ChainDescription> described = new ArrayList<>();
        for (Method head : chains.heads()) {
            ChainPlan plan = AnnotatedChains.head(head).planOrNull();
            if (plan != null) {
                described.add(describe(head, plan.chain()));
            }
        }
        return described;
    }

    /**
     * Every provider of the context's chains, and every other provider the process's health has seen, by label.
     *
     * @return their health now
     */
    public List<ProviderDescription> providers() {
        Set<String> labels = new TreeSet<>();
        for (Method head : chains.heads()) {
            ChainPlan plan = AnnotatedChains.head(head).planOrNull();
            if (plan != null) {
                labels.addAll(plan.chain().providers());
            }
        }
        for (ProviderCell cell : HealthRegistry.SHARED.cells()) {
            labels.add(cell.provider());
        }
        return labels.stream().map(this::provider).collect(Collectors.toList());
    }

    /**
     * One provider's health now.
     *
     * @param provider the provider label
     * @return its health; {@code HEALTHY} for a provider never seen
     */
    public ProviderDescription provider(String provider) {
        ProviderHealth.State state = ProviderHealth.shared().state(provider);
        Instant until = state.until().orElse(null);
        long left = until == null ? 0 : Math.max(0, Duration.between(clock.instant(), until).toMillis());
        return new ProviderDescription(provider, state.status().name(), state.reason(),
                until == null ? null : until.toString(), left);
    }

    /**
     * The health contributor's details: how many providers there are and, by label, those that are not healthy.
     * The status that goes with them is always UP (see the class's documentation).
     *
     * @return the details, in a stable order
     */
    public Map<String, Object> healthDetails() {
        List<ProviderDescription> all = providers();
        Map<String, Object> unhealthy = new LinkedHashMap<>();
        for (ProviderDescription provider : all) {
            if (!provider.status().equals(ProviderHealth.Status.HEALTHY.name())) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("status", provider.status());
                detail.put("reason", provider.reason());
                detail.put("until", provider.until());
                detail.put("timeLeftMillis", provider.timeLeftMillis());
                unhealthy.put(provider.provider(), detail);
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("providers", all.size());
        details.put("notHealthy", unhealthy);
        return details;
    }

    private static ChainDescription describe(Method head, Chain chain) {
        List<ChainDescription.Link> links = new ArrayList<>(chain.size());
        for (int i = 0; i < chain.size(); i++) {
            Link link = chain.link(i);
            links.add(new ChainDescription.Link(link.provider(), link.method(), duration(link.timeoutNanos()),
                    link.skipOn().getClass().getSimpleName(),
                    link.health() == null ? "NoCooldown" : link.health().policy().getClass().getSimpleName()));
        }
        String signature = head.getDeclaringClass().getName() + "#" + head.getName()
                + Arrays.stream(head.getParameterTypes()).map(Class::getSimpleName)
                        .collect(Collectors.joining(", ", "(", ")"));
        return new ChainDescription(chain.info().name(), signature, chain.returnsFuture(),
                duration(chain.deadlineNanos()), links);
    }

    private static String duration(long nanos) {
        return nanos == 0 ? null : Duration.ofNanos(nanos).toString();
    }
}
