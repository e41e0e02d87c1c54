package dev.llmfallback;

import dev.llmfallback.internal.classify.FailureSummary;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@link HealthPolicy} for sustained outages (SPEC §9): cools a provider by what its failure said, so
 * that during an outage each request stops paying for the dead provider. Defaults:
 * <ul>
 *   <li>429 with {@code Retry-After} up to 60 s: cool for that long (at least 1 s); 429 without it: 5 s;</li>
 *   <li>429 with {@code Retry-After} over 60 s, 402, and quota or billing errors: 10 min, a hard reason;</li>
 *   <li>529 and 503: 5 s, doubling on each consecutive cooldown up to 60 s;</li>
 *   <li>other 5xx, timeouts and network failures: after 3 consecutive such failures, 10 s doubling to 60 s
 *       (one slow answer is not an outage); at once when one ends a probe (the provider, cooled before, has
 *       just shown it is still down, as when an overloaded provider starts to hang);</li>
 *   <li>401, 403 and 404, when the link's {@code skipOn} moved on from them: 5 min, a hard reason;</li>
 *   <li>anything {@code skipOn} stops for (400, 413, 422, a bug in the caller's code) never cools.</li>
 * </ul>
 * A success resets the streak. {@link #builder()} changes the values; {@link #INSTANCE} has the defaults.
 * Immutable and thread-safe.
 */
public final class OutageCooldown implements HealthPolicy {

    /** The defaults above. */
    public static final OutageCooldown INSTANCE = new OutageCooldown();

    private final Duration rateLimited;
    private final Duration longestRetryAfter;
    private final Duration quota;
    private final Duration overloaded;
    private final Duration overloadedMax;
    private final int faultThreshold;
    private final Duration fault;
    private final Duration faultMax;
    private final Duration credentials;

    /** The defaults; {@link #INSTANCE} serves as well. */
    public OutageCooldown() {
        this(new Builder());
    }

    private OutageCooldown(Builder builder) {
        this.rateLimited = builder.rateLimited;
        this.longestRetryAfter = builder.longestRetryAfter;
        this.quota = builder.quota;
        this.overloaded = builder.overloaded;
        this.overloadedMax = builder.overloadedMax;
        this.faultThreshold = builder.faultThreshold;
        this.fault = builder.fault;
        this.faultMax = builder.faultMax;
        this.credentials = builder.credentials;
    }

    /**
     * Starts a policy with the defaults, to change some of them.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Cooldown cooldown(Throwable failure, boolean movedOn, Streak streak) {
        if (!movedOn) {
            return Cooldown.NONE;
        }
        OptionalInt status = Failures.statusCode(failure);
        int code = status.orElse(-1);
        if (code == 402 || Failures.isQuotaOrBilling(failure)) {
            return new Cooldown(quota, "quota or billing (" + FailureSummary.describe(failure) + ")", true);
        }
        if (code == 429) {
            Optional<Duration> retryAfter = Failures.retryAfter(failure);
            if (retryAfter.isEmpty()) {
                return new Cooldown(rateLimited, "429 rate limited", false);
            }
            Duration wait = retryAfter.get();
            if (wait.compareTo(longestRetryAfter) > 0) {
                return new Cooldown(quota, "429 rate limited, retry-after " + asked(wait), true);
            }
            return new Cooldown(max(wait, Duration.ofSeconds(1)), "429 rate limited, retry-after "
                    + asked(wait), false);
        }
        if (code == 529 || code == 503) {
            return new Cooldown(backOff(overloaded, overloadedMax, streak.cooldowns()), FailureSummary.describe(failure),
                    false);
        }
        if (code == 401 || code == 403 || code == 404) {
            return new Cooldown(credentials, FailureSummary.describe(failure), true);
        }
        boolean fault = code >= 500 || code < 0 && (Failures.isTimeout(failure) || Failures.isNetwork(failure));
        if (fault && (streak.probing() || streak.failures() + 1 >= faultThreshold)) {
            return new Cooldown(backOff(this.fault, faultMax, streak.cooldowns()), faultReason(code, failure), false);
        }
        return Cooldown.NONE;
    }

    // What the provider asked for, as it said it: whole seconds, or milliseconds (retry-after-ms, fractions).
    private static String asked(Duration wait) {
        return wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms";
    }

    // An SDK's timeout is often an I/O exception by name (AnthropicIoException): say what kind of fault it was.
    private static String faultReason(int code, Throwable failure) {
        String described = FailureSummary.describe(failure);
        if (code >= 500) {
            return described;
        }
        return (Failures.isTimeout(failure) ? "timeout (" : "network failure (") + described + ")";
    }

    private static Duration backOff(Duration first, Duration max, int cooldowns) {
        Duration duration = first;
        for (int i = 0; i < cooldowns && duration.compareTo(max) < 0; i++) {
            duration = duration.multipliedBy(2);
        }
        return duration.compareTo(max) > 0 ? max : duration;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * Builds an {@link OutageCooldown} with values of your own; unset values keep the defaults. Not
     * thread-safe.
     */
    public static final class Builder {
        private Duration rateLimited = Duration.ofSeconds(5);
        private Duration longestRetryAfter = Duration.ofSeconds(60);
        private Duration quota = Duration.ofMinutes(10);
        private Duration overloaded = Duration.ofSeconds(5);
        private Duration overloadedMax = Duration.ofSeconds(60);
        private int faultThreshold = 3;
        private Duration fault = Duration.ofSeconds(10);
        private Duration faultMax = Duration.ofSeconds(60);
        private Duration credentials = Duration.ofMinutes(5);

        private Builder() {
        }

        /**
         * A 429 without {@code Retry-After}. Default 5 s.
         *
         * @param duration positive
         * @return this builder
         */
        public Builder rateLimited(Duration duration) {
            rateLimited = positive(duration, "rateLimited");
            return this;
        }

        /**
         * The longest {@code Retry-After} honoured as a plain rate limit; a longer one is treated as a quota.
         * Default 60 s.
         *
         * @param duration positive
         * @return this builder
         */
        public Builder longestRetryAfter(Duration duration) {
            longestRetryAfter = positive(duration, "longestRetryAfter");
            return this;
        }

        /**
         * Quota and billing errors, 402, and a 429 asking for more than {@link #longestRetryAfter}. Default
         * 10 min.
         *
         * @param duration positive
         * @return this builder
         */
        public Builder quota(Duration duration) {
            quota = positive(duration, "quota");
            return this;
        }

        /**
         * 529 and 503: the first cooldown, doubled on each consecutive one up to {@code max}. Default 5 s to 60 s.
         *
         * @param first positive
         * @param max   at least {@code first}
         * @return this builder
         */
        public Builder overloaded(Duration first, Duration max) {
            overloaded = positive(first, "overloaded");
            overloadedMax = atLeast(max, first, "overloaded max");
            return this;
        }

        /**
         * Other 5xx, timeouts and network failures: how many in a row cool the provider, and the cooldown,
         * doubled on each consecutive one up to {@code max}. Default 3, 10 s to 60 s.
         *
         * @param threshold at least 1
         * @param first     positive
         * @param max       at least {@code first}
         * @return this builder
         */
        public Builder faults(int threshold, Duration first, Duration max) {
            if (threshold < 1) {
                throw new IllegalArgumentException("OutageCooldown faults threshold must be at least 1, was " + threshold);
            }
            faultThreshold = threshold;
            fault = positive(first, "faults");
            faultMax = atLeast(max, first, "faults max");
            return this;
        }

        /**
         * 401, 403 and 404 that the link's {@code skipOn} moved on from. Default 5 min.
         *
         * @param duration positive
         * @return this builder
         */
        public Builder credentials(Duration duration) {
            credentials = positive(duration, "credentials");
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return an immutable policy
         */
        public OutageCooldown build() {
            return new OutageCooldown(this);
        }

        private static Duration positive(Duration duration, String what) {
            Objects.requireNonNull(duration, what);
            if (duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException("OutageCooldown " + what + " must be positive, was " + duration);
            }
            return duration;
        }

        private static Duration atLeast(Duration max, Duration first, String what) {
            positive(max, what);
            if (max.compareTo(first) < 0) {
                throw new IllegalArgumentException("OutageCooldown " + what + " must be at least " + first + ", was " + max);
            }
            return max;
        }
    }
}
