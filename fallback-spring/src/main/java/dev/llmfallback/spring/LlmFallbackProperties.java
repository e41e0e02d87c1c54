package dev.llmfallback.spring;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code llm-fallback.*} properties of a Spring application: operators' overrides of what the
 * {@code @LlmFallback} annotations say, applied to every annotated chain of the process when the context starts
 * (and taken back when it closes), and switches for the starter's parts. Bound with Spring Boot's relaxed binding
 * (kebab-case, environment variables, durations such as {@code 2s}, {@code 1500ms} or {@code PT2S}) when Spring Boot
 * is on the class path; a plain Spring context with {@link EnableLlmFallback} and Boot's binder on the class path
 * binds them too.
 * <pre>
 * llm-fallback.providers.anthropic.timeout=2s                    # per provider label
 * llm-fallback.providers.anthropic.health.overloaded=10s         # turns OutageCooldown on, with this value
 * llm-fallback.providers.openai.health.policy=none               # never cool this provider
 * llm-fallback.chains.[Summaries.summarize].deadline=8s          # per chain: the head's Class.method label
 * llm-fallback.context-propagation.enabled=false
 * </pre>
 * A provider is keyed by its label ({@code @LlmFallback(provider = ...)}, else the method's name), exactly as
 * provider health is, so one setting applies to every link of every chain that names the provider. A chain is keyed
 * by its name, the head's {@code Class.method} label that listeners, metrics (tag {@code chain}) and the actuator
 * endpoint use; the name has a dot, so in a properties file it goes in brackets ({@code chains.[Summaries.summarize]}),
 * in YAML in quoted brackets ({@code "[Summaries.summarize]":}). A key that names no provider or chain of the
 * context's beans fails the start-up, so a typo is never silently ignored. Programmatic {@code FallbackChain}s are
 * configured by their builders and are not affected. Mutable while being bound; read once at start-up.
 */
@ConfigurationProperties(prefix = "llm-fallback")
public class LlmFallbackProperties {

    /**
     * Per provider label (@LlmFallback(provider), else the method's name): timeout, and health.policy or the
     * OutageCooldown values under health (rate-limited, longest-retry-after, quota, overloaded, overloaded-max,
     * fault-threshold, faults, faults-max, credentials). E.g. llm-fallback.providers.anthropic.timeout=2s.
     */
    private final Map<String, Provider> providers = new LinkedHashMap<>();
    /**
     * Per chain (the head's Class.method label, as metrics and the llmfallback endpoint name it): deadline. The key
     * has a dot, so write it in brackets: llm-fallback.chains.[Summaries.summarize].deadline=8s.
     */
    private final Map<String, Chain> chains = new LinkedHashMap<>();
    private final ContextPropagation contextPropagation = new ContextPropagation();

    /** Defaults: nothing overridden. */
    public LlmFallbackProperties() {
    }

    /**
     * Per provider label, the settings that replace the annotations' for every link with that label.
     *
     * @return the map, keyed by provider label
     */
    public Map<String, Provider> getProviders() {
        return providers;
    }

    /**
     * Per chain name (the head's {@code Class.method} label, e.g. {@code Summaries.summarize}), the settings that
     * replace the head annotation's.
     *
     * @return the map, keyed by chain name
     */
    public Map<String, Chain> getChains() {
        return chains;
    }

    /**
     * Thread-local context carried onto the worker threads of timed attempts.
     *
     * @return its settings
     */
    public ContextPropagation getContextPropagation() {
        return contextPropagation;
    }

    /** One provider's settings. */
    public static class Provider {

        /**
         * The attempt timeout of every link with this provider label, replacing {@code @LlmFallback(timeout)}; a link
         * without a timeout gets this one. Unset: the annotation's.
         */
        private Duration timeout;

        private final Health health = new Health();

        /** Nothing overridden. */
        public Provider() {
        }

        /**
         * The attempt timeout.
         *
         * @return the timeout, or {@code null} for the annotation's
         */
        public Duration getTimeout() {
            return timeout;
        }

        /**
         * Sets the attempt timeout.
         *
         * @param timeout positive
         */
        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        /**
         * The provider's health policy.
         *
         * @return its settings
         */
        public Health getHealth() {
            return health;
        }
    }

    /** Which health policy a provider's links use; see {@link Health}. */
    public enum HealthPolicyKind {
        /** Each link's {@code @LlmFallback(health)}, unless a cooldown value is set. */
        ANNOTATED,
        /** {@link dev.llmfallback.NoCooldown}: the provider is never cooled, whatever the annotations say. */
        NONE,
        /** {@link dev.llmfallback.OutageCooldown} with the values set here, the others at their defaults. */
        OUTAGE_COOLDOWN
    }

    /**
     * A provider's health policy: the values of {@link dev.llmfallback.OutageCooldown} (its javadoc says what each
     * cools for). Setting any value turns {@code OutageCooldown} on for the provider, whatever its links' annotations
     * say; unset values keep {@code OutageCooldown}'s defaults.
     */
    public static class Health {

        /** annotated (default), none, or outage-cooldown. Setting any value below implies outage-cooldown. */
        private HealthPolicyKind policy = HealthPolicyKind.ANNOTATED;
        /** Cooldown after a 429 without Retry-After. OutageCooldown's default: 5s. */
        private Duration rateLimited;
        /** The longest Retry-After honoured as a rate limit; a longer one cools as a quota. Default: 60s. */
        private Duration longestRetryAfter;
        /** Cooldown after quota and billing errors, 402, and a 429 asking for more than longest-retry-after. Default: 10m. */
        private Duration quota;
        /** First cooldown after a 529 or 503, doubled on each consecutive one. Default: 5s. */
        private Duration overloaded;
        /** Longest cooldown after 529 and 503. Default: 60s (or overloaded, if longer). */
        private Duration overloadedMax;
        /** How many other 5xx, timeouts or network failures in a row cool the provider. Default: 3. */
        private Integer faultThreshold;
        /** First cooldown after fault-threshold faults in a row, doubled on each consecutive one. Default: 10s. */
        private Duration faults;
        /** Longest cooldown after faults. Default: 60s (or faults, if longer). */
        private Duration faultsMax;
        /** Cooldown after a 401, 403 or 404 that the link's skipOn moved on from. Default: 5m. */
        private Duration credentials;

        /** Nothing overridden. */
        public Health() {
        }

        /**
         * Whether any {@link dev.llmfallback.OutageCooldown} value is set.
         *
         * @return {@code true} if one is
         */
        public boolean hasCooldownValues() {
            return rateLimited != null || longestRetryAfter != null || quota != null || overloaded != null
                    || overloadedMax != null || faultThreshold != null || faults != null || faultsMax != null
                    || credentials != null;
        }

        /**
         * The policy kind.
         *
         * @return the policy kind
         */
        public HealthPolicyKind getPolicy() {
            return policy;
        }

        /**
         * Sets the policy kind.
         *
         * @param policy the policy kind
         */
        public void setPolicy(HealthPolicyKind policy) {
            this.policy = policy;
        }

        /**
         * The 429 cooldown, or {@code null}.
         *
         * @return the 429 cooldown, or {@code null}
         */
        public Duration getRateLimited() {
            return rateLimited;
        }

        /**
         * Sets the 429 cooldown.
         *
         * @param rateLimited the 429 cooldown
         */
        public void setRateLimited(Duration rateLimited) {
            this.rateLimited = rateLimited;
        }

        /**
         * The longest Retry-After taken as a rate limit, or {@code null}.
         *
         * @return the longest Retry-After taken as a rate limit, or {@code null}
         */
        public Duration getLongestRetryAfter() {
            return longestRetryAfter;
        }

        /**
         * Sets the longest Retry-After taken as a rate limit.
         *
         * @param longestRetryAfter the longest Retry-After taken as a rate limit
         */
        public void setLongestRetryAfter(Duration longestRetryAfter) {
            this.longestRetryAfter = longestRetryAfter;
        }

        /**
         * The quota cooldown, or {@code null}.
         *
         * @return the quota cooldown, or {@code null}
         */
        public Duration getQuota() {
            return quota;
        }

        /**
         * Sets the quota cooldown.
         *
         * @param quota the quota cooldown
         */
        public void setQuota(Duration quota) {
            this.quota = quota;
        }

        /**
         * The first 529/503 cooldown, or {@code null}.
         *
         * @return the first 529/503 cooldown, or {@code null}
         */
        public Duration getOverloaded() {
            return overloaded;
        }

        /**
         * Sets the first 529/503 cooldown.
         *
         * @param overloaded the first 529/503 cooldown
         */
        public void setOverloaded(Duration overloaded) {
            this.overloaded = overloaded;
        }

        /**
         * The longest 529/503 cooldown, or {@code null}.
         *
         * @return the longest 529/503 cooldown, or {@code null}
         */
        public Duration getOverloadedMax() {
            return overloadedMax;
        }

        /**
         * Sets the longest 529/503 cooldown.
         *
         * @param overloadedMax the longest 529/503 cooldown
         */
        public void setOverloadedMax(Duration overloadedMax) {
            this.overloadedMax = overloadedMax;
        }

        /**
         * The faults in a row that cool, or {@code null}.
         *
         * @return the faults in a row that cool, or {@code null}
         */
        public Integer getFaultThreshold() {
            return faultThreshold;
        }

        /**
         * Sets the faults in a row that cool.
         *
         * @param faultThreshold the faults in a row that cool
         */
        public void setFaultThreshold(Integer faultThreshold) {
            this.faultThreshold = faultThreshold;
        }

        /**
         * The first fault cooldown, or {@code null}.
         *
         * @return the first fault cooldown, or {@code null}
         */
        public Duration getFaults() {
            return faults;
        }

        /**
         * Sets the first fault cooldown.
         *
         * @param faults the first fault cooldown
         */
        public void setFaults(Duration faults) {
            this.faults = faults;
        }

        /**
         * The longest fault cooldown, or {@code null}.
         *
         * @return the longest fault cooldown, or {@code null}
         */
        public Duration getFaultsMax() {
            return faultsMax;
        }

        /**
         * Sets the longest fault cooldown.
         *
         * @param faultsMax the longest fault cooldown
         */
        public void setFaultsMax(Duration faultsMax) {
            this.faultsMax = faultsMax;
        }

        /**
         * The credentials cooldown, or {@code null}.
         *
         * @return the credentials cooldown, or {@code null}
         */
        public Duration getCredentials() {
            return credentials;
        }

        /**
         * Sets the credentials cooldown.
         *
         * @param credentials the credentials cooldown
         */
        public void setCredentials(Duration credentials) {
            this.credentials = credentials;
        }
    }

    /** One chain's settings. */
    public static class Chain {

        /** The whole chain's budget, replacing the head's @LlmFallback(deadline). Unset: the annotation's. */
        private Duration deadline;

        /** Nothing overridden. */
        public Chain() {
        }

        /**
         * The deadline, or {@code null} for the annotation's.
         *
         * @return the deadline, or {@code null} for the annotation's
         */
        public Duration getDeadline() {
            return deadline;
        }

        /**
         * Sets positive.
         *
         * @param deadline positive
         */
        public void setDeadline(Duration deadline) {
            this.deadline = deadline;
        }
    }

    /** Context propagation onto timed attempts' worker threads. */
    public static class ContextPropagation {

        /**
         * Whether thread-local context registered with Micrometer's context-propagation (MDC, the current
         * observation, the security context) is carried onto the worker thread of a timed attempt. Needs
         * io.micrometer:context-propagation on the class path.
         */
        private boolean enabled = true;

        /** Enabled. */
        public ContextPropagation() {
        }

        /**
         * Whether context is propagated.
         *
         * @return whether context is propagated
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether context is propagated.
         *
         * @param enabled whether context is propagated
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
