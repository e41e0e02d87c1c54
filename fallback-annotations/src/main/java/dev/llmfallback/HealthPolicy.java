package dev.llmfallback;

import java.time.Duration;
import java.util.Objects;

/**
 * Decides, from what a provider's failed attempt said, whether the provider cools down and for how long
 * (SPEC §9): a provider that is cooling is skipped by every chain that names it, until its cooldown ends and
 * one probe call finds it answering again. The state itself (cooling until when, probing, back-off) is kept
 * by {@link ProviderHealth}, per provider label and process-wide; a policy only maps a failure to a
 * {@link Cooldown}.
 *
 * <p>Set per link with {@code @LlmFallback(health = OutageCooldown.class)} or
 * {@link FallbackChain.Builder#health(HealthPolicy)}; the default {@link NoCooldown} keeps the chain exactly as
 * without health. Like a {@link SkipPredicate}, an annotated chain's policy class is instantiated once (its
 * {@code public static final INSTANCE}, else its public no-arg constructor). Implementations must be
 * thread-safe and must not block: they run on the thread that saw the failure.
 */
@FunctionalInterface
public interface HealthPolicy {

    /**
     * How long the provider cools after this failed attempt.
     *
     * @param failure what the attempt ended with: the provider's failure, or a
     *                {@link java.util.concurrent.TimeoutException} when the attempt timed out
     * @param movedOn whether the link's {@code skipOn} moved on from it (always {@code true} for a timeout): a
     *                failure the chain stops for is the caller's, and should not cool the provider
     * @param streak  the provider's failures and cooldowns since its last success, this one not included
     * @return the cooldown, or {@link Cooldown#NONE}
     */
    Cooldown cooldown(Throwable failure, boolean movedOn, Streak streak);

    /**
     * What a provider has done since its last success. Immutable.
     *
     * @param failures  its consecutive failed attempts (timeouts included)
     * @param cooldowns how many times it was cooled since, so that a policy can back off
     * @param probing   whether this failure ended a probe of the cooling provider: it has just shown that it is
     *                  still not well, so a policy that waits for several failures before cooling should not
     *                  wait again
     */
    record Streak(int failures, int cooldowns, boolean probing) {

        /** No failure since the last success. */
        public static final Streak NONE = new Streak(0, 0, false);

        /**
         * A streak outside a probe.
         *
         * @param failures  at least 0
         * @param cooldowns at least 0
         */
        public Streak(int failures, int cooldowns) {
            this(failures, cooldowns, false);
        }

        /**
         * Checks the counts.
         *
         * @param failures  at least 0
         * @param cooldowns at least 0
         * @param probing   whether this failure ended a probe
         */
        public Streak {
            if (failures < 0 || cooldowns < 0) {
                throw new IllegalArgumentException("negative streak: " + failures + ", " + cooldowns);
            }
        }
    }

    /**
     * A decision to cool a provider. Immutable.
     *
     * @param duration how long; positive, or zero for {@link #NONE}
     * @param reason   why, for traces, logs and metrics: short, log-safe text such as {@code 529 overloaded};
     *                 never a failure's message
     * @param hard     whether the reason is one that a probe cannot overturn soon (quota, billing, credentials):
     *                 a chain whose every link is forced open or hard-cooling fails with
     *                 {@link AllProvidersUnhealthyException} instead of probing one of them
     */
    record Cooldown(Duration duration, String reason, boolean hard) {

        /** Do not cool. */
        public static final Cooldown NONE = new Cooldown(Duration.ZERO, "", false);

        /**
         * Checks the components.
         *
         * @param duration not negative
         * @param reason   not {@code null}
         * @param hard     as above
         */
        public Cooldown {
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(reason, "reason");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("negative cooldown: " + duration);
            }
        }

        /**
         * Whether this decision cools at all.
         *
         * @return {@code false} for {@link #NONE}
         */
        public boolean cools() {
            return !duration.isZero();
        }
    }
}
