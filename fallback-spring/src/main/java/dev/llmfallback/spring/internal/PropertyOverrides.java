package dev.llmfallback.spring.internal;

import dev.llmfallback.FallbackConfigurationException;
import dev.llmfallback.HealthPolicy;
import dev.llmfallback.NoCooldown;
import dev.llmfallback.OutageCooldown;
import dev.llmfallback.internal.plan.PlanOverrides;
import dev.llmfallback.spring.LlmFallbackProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.core.env.PropertyResolver;

/**
 * A Spring application's settings of annotated chains, as the engine's {@link PlanOverrides.Source}: placeholders in
 * {@code timeout}/{@code deadline} resolved against the environment, and the {@code llm-fallback.providers.*} and
 * {@code llm-fallback.chains.*} properties. The health policies are built once, here, so that a bad combination of
 * values fails the start-up naming the properties. Immutable and thread-safe.
 */
final class PropertyOverrides implements PlanOverrides.Source {

    private static final Duration DEFAULT_OVERLOADED_MAX = Duration.ofSeconds(60);
    private static final Duration DEFAULT_FAULTS = Duration.ofSeconds(10);
    private static final Duration DEFAULT_FAULTS_MAX = Duration.ofSeconds(60);
    private static final Duration DEFAULT_OVERLOADED = Duration.ofSeconds(5);
    private static final int DEFAULT_FAULT_THRESHOLD = 3;

    private final PropertyResolver environment;
    private final Map<String, PlanOverrides.Setting<Duration>> timeouts = new HashMap<>();
    private final Map<String, PlanOverrides.Setting<HealthPolicy>> healths = new HashMap<>();
    private final Map<String, PlanOverrides.Setting<Duration>> deadlines = new HashMap<>();

    /**
     * @throws FallbackConfigurationException if a provider's health values do not make a policy
     */
    PropertyOverrides(PropertyResolver environment, LlmFallbackProperties properties) {
        this.environment = environment;
        properties.getProviders().forEach((provider, settings) -> {
            String prefix = ChainSettings.PREFIX + ".providers." + key(provider);
            if (settings.getTimeout() != null) {
                timeouts.put(provider, new PlanOverrides.Setting<>(settings.getTimeout(), prefix + ".timeout"));
            }
            HealthPolicy policy = policy(prefix + ".health", settings.getHealth());
            if (policy != null) {
                healths.put(provider, new PlanOverrides.Setting<>(policy, prefix + ".health"));
            }
        });
        properties.getChains().forEach((chain, settings) -> {
            if (settings.getDeadline() != null) {
                deadlines.put(chain, new PlanOverrides.Setting<>(settings.getDeadline(),
                        ChainSettings.PREFIX + ".chains." + key(chain) + ".deadline"));
            }
        });
    }

    /** A map key as it is written in a properties file: in brackets when it is more than one lower-case element. */
    static String key(String key) {
        return key.matches("[a-z0-9-]+") ? key : "[" + key + "]";
    }

    @Override
    public String resolve(String text) {
        // Spring's own message names the placeholder: "Could not resolve placeholder 'llm.timeout' in value ...".
        return environment.resolveRequiredPlaceholders(text);
    }

    @Override
    public PlanOverrides.Setting<Duration> timeout(String provider) {
        return timeouts.get(provider);
    }

    @Override
    public PlanOverrides.Setting<HealthPolicy> health(String provider) {
        return healths.get(provider);
    }

    @Override
    public PlanOverrides.Setting<Duration> deadline(String chain) {
        return deadlines.get(chain);
    }

    private static HealthPolicy policy(String prefix, LlmFallbackProperties.Health health) {
        switch (health.getPolicy()) {
            case NONE:
                if (health.hasCooldownValues()) {
                    throw new FallbackConfigurationException("Invalid " + prefix + ": policy = none, and cooldown "
                            + "values are set as well, which only OutageCooldown uses. Fix: remove " + prefix
                            + ".policy, or remove the cooldown values.");
                }
                return NoCooldown.INSTANCE;
            case OUTAGE_COOLDOWN:
                return outageCooldown(prefix, health);
            default:
                return health.hasCooldownValues() ? outageCooldown(prefix, health) : null;
        }
    }

    private static OutageCooldown outageCooldown(String prefix, LlmFallbackProperties.Health health) {
        try {
            OutageCooldown.Builder builder = OutageCooldown.builder();
            if (health.getRateLimited() != null) {
                builder.rateLimited(health.getRateLimited());
            }
            if (health.getLongestRetryAfter() != null) {
                builder.longestRetryAfter(health.getLongestRetryAfter());
            }
            if (health.getQuota() != null) {
                builder.quota(health.getQuota());
            }
            if (health.getOverloaded() != null || health.getOverloadedMax() != null) {
                Duration first = health.getOverloaded() != null ? health.getOverloaded() : DEFAULT_OVERLOADED;
                builder.overloaded(first, health.getOverloadedMax() != null ? health.getOverloadedMax()
                        : longer(first, DEFAULT_OVERLOADED_MAX));
            }
            if (health.getFaultThreshold() != null || health.getFaults() != null || health.getFaultsMax() != null) {
                Duration first = health.getFaults() != null ? health.getFaults() : DEFAULT_FAULTS;
                builder.faults(health.getFaultThreshold() != null ? health.getFaultThreshold() : DEFAULT_FAULT_THRESHOLD,
                        first, health.getFaultsMax() != null ? health.getFaultsMax() : longer(first, DEFAULT_FAULTS_MAX));
            }
            if (health.getCredentials() != null) {
                builder.credentials(health.getCredentials());
            }
            return builder.build();
        } catch (IllegalArgumentException invalid) {
            throw new FallbackConfigurationException("Invalid " + prefix + ": " + invalid.getMessage() + ". Fix: set "
                    + prefix + ".* to positive durations, each max at least its first cooldown, and fault-threshold "
                    + "to at least 1.");
        }
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
