package dev.llmfallback.benchmarks.fleet;

import dev.llmfallback.FallbackChain;
import dev.llmfallback.HealthPolicy;
import dev.llmfallback.LlmProvider;
import dev.llmfallback.ProviderHealth;
import dev.llmfallback.ProviderHealthStore.Sharing;
import dev.llmfallback.health.redis.RedisProviderHealthStore;
import dev.llmfallback.internal.health.HealthRegistry;
import dev.llmfallback.internal.health.shared.FleetHealth;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;

/**
 * One simulated instance of a service: what one JVM would have. Its own {@link HealthRegistry} (the
 * {@code ProviderHealth.shared()} of its JVM), its own chain "primary" then "secondary" with a health policy
 * and a timeout on the primary, and, when sharing, its own {@link RedisProviderHealthStore} client and sharing
 * thread. A process has one {@code ProviderHealth.shared()}; to have twenty in one process this reaches the
 * engine's test seam (a chain on a registry of its own) reflectively: the benchmark's business only.
 */
final class SimulatedInstance implements AutoCloseable {

    private final RedisProviderHealthStore store;
    private final FleetHealth sharing;
    final FallbackChain<String, String> chain;

    SimulatedInstance(String id, LlmProvider<String, String> primary, Duration timeout, HealthPolicy policy,
                      String redisUri, String prefix, Sharing.Builder sharingOptions) throws Exception {
        HealthRegistry registry = new HealthRegistry(System::nanoTime, Clock.systemUTC());
        if (redisUri != null) {
            store = RedisProviderHealthStore.builder().uri(redisUri).prefix(prefix).build();
            sharing = FleetHealth.start(registry, store, sharingOptions.instance(id).build());
        } else {
            store = null;
            sharing = null;
        }
        FallbackChain.Builder<String, String> builder = FallbackChain.<String, String>builder()
                .provider("primary", primary, timeout)
                .provider("secondary", SimulatedInstance::secondary)
                .health(policy);
        chain = onRegistry(builder, registry).build();
    }

    private static String secondary(String prompt) throws InterruptedException {
        Thread.sleep(FleetBenchmark.ANSWER_MILLIS);
        return "secondary";
    }

    @SuppressWarnings("unchecked")
    private static FallbackChain.Builder<String, String> onRegistry(FallbackChain.Builder<String, String> builder,
                                                                    HealthRegistry registry) throws Exception {
        Constructor<ProviderHealth> health = ProviderHealth.class.getDeclaredConstructor(HealthRegistry.class);
        health.setAccessible(true);
        Method seam = FallbackChain.Builder.class.getDeclaredMethod("healthRegistry", ProviderHealth.class);
        seam.setAccessible(true);
        return (FallbackChain.Builder<String, String>) seam.invoke(builder, health.newInstance(registry));
    }

    /** Whether this instance has read the store once (it is connected); always true when not sharing. */
    boolean ready() {
        return sharing == null || sharing.reads() > 0;
    }

    @Override
    public void close() {
        if (sharing != null) {
            sharing.close();
            store.close();
        }
    }
}
