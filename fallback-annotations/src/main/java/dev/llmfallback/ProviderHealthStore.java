package dev.llmfallback;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where the instances of a fleet share what they learned about providers (SPEC §10): a provider that told one
 * instance "529 overloaded" or "429, retry after 30 s" is skipped by every instance, and a provider that
 * hangs for every instance is skipped once enough of them saw it. Install one with
 * {@link ProviderHealth#share(ProviderHealthStore)}; the first implementation is {@code fallback-health-redis}.
 *
 * <p>What is shared is a {@link Fact}: a provider, until when it cools, a short log-safe reason such as
 * {@code 529 overloaded}, the HTTP status it came from, and which instance saw it. Never a prompt, never a
 * failure's message, never a counter. A fact of {@link Scope#PROVIDER} (429, 529, 503, 402, quota, billing,
 * 401/403/404) is adopted by every instance at once; one of {@link Scope#INSTANCE} (timeouts, network failures,
 * other 5xx: possibly one instance's own network) only once {@link Sharing#quorum()} distinct instances have
 * such a fact live at the same time.
 *
 * <p>Contract for implementations: {@link #publish} keeps, per provider and scope (and, for
 * {@link Scope#INSTANCE}, per instance), the fact with the later {@link Fact#coolingUntil()}, atomically
 * against concurrent publishers, and forgets a fact once its deadline has passed; {@link #read} returns the
 * live facts of the providers asked for. Both may block (they are only ever called from the sharing's own
 * daemon thread, never from a call's) and may throw: a failing store is logged, at most once a minute, and
 * the instance goes on with its local health alone. Implementations must be thread-safe.
 */
public interface ProviderHealthStore extends AutoCloseable {

    /**
     * Shares a fact, keeping the later deadline if the store already holds one for the same provider and
     * scope (and instance, for {@link Scope#INSTANCE}).
     *
     * @param fact the fact
     * @throws Exception when the store cannot be reached; the caller logs it and carries on
     */
    void publish(Fact fact) throws Exception;

    /**
     * The live facts of some providers.
     *
     * @param providers provider labels
     * @return the facts whose deadline has not passed, by provider; a provider without any may be absent
     * @throws Exception when the store cannot be reached; the caller logs it and carries on
     */
    Map<String, List<Fact>> read(Collection<String> providers) throws Exception;

    /** Releases the store's connections. The default does nothing. */
    @Override
    default void close() {
    }

    /** Who a fact is about. */
    enum Scope {
        /** The provider said so itself (a status it answered with): every instance adopts it at once. */
        PROVIDER,
        /** One instance's timeouts or network failures: adopted by the fleet only at a quorum of instances. */
        INSTANCE
    }

    /**
     * One instance's finding about a provider. Immutable.
     *
     * @param provider     the provider label
     * @param coolingUntil until when the provider should be skipped
     * @param reason       why: short and log-safe, e.g. {@code 529 overloaded}; at most {@value #MAX_REASON}
     *                     characters, control characters replaced (a store's content is not trusted)
     * @param status       the HTTP status the finding came from, or -1 (a timeout, a network failure)
     * @param hard         whether a probe cannot soon overturn it (quota, billing, credentials)
     * @param scope        who it is about
     * @param instance     the instance that saw it
     */
    record Fact(String provider, Instant coolingUntil, String reason, int status, boolean hard, Scope scope,
                String instance) {

        /** The longest reason kept. */
        public static final int MAX_REASON = 120;

        /**
         * Checks the components and bounds the reason.
         *
         * @param provider     not {@code null} or empty
         * @param coolingUntil not {@code null}
         * @param reason       not {@code null}
         * @param status       -1, or 100..999
         * @param hard         as above
         * @param scope        not {@code null}
         * @param instance     not {@code null} or empty
         */
        public Fact {
            if (provider == null || provider.isEmpty()) {
                throw new IllegalArgumentException("ProviderHealthStore.Fact needs a provider label");
            }
            Objects.requireNonNull(coolingUntil, "coolingUntil");
            Objects.requireNonNull(scope, "scope");
            if (instance == null || instance.isEmpty()) {
                throw new IllegalArgumentException("ProviderHealthStore.Fact needs an instance id");
            }
            if (status != -1 && (status < 100 || status > 999)) {
                throw new IllegalArgumentException("ProviderHealthStore.Fact status must be -1 or 100..999, was "
                        + status);
            }
            reason = bounded(Objects.requireNonNull(reason, "reason"));
        }

        private static String bounded(String reason) {
            int length = Math.min(reason.length(), MAX_REASON);
            StringBuilder safe = null;
            for (int i = 0; i < length; i++) {
                if (Character.isISOControl(reason.charAt(i))) {
                    if (safe == null) {
                        safe = new StringBuilder(reason.substring(0, length));
                    }
                    safe.setCharAt(i, ' ');
                }
            }
            return safe != null ? safe.toString() : reason.substring(0, length);
        }
    }

    /**
     * How an instance shares its health: {@link #quorum()}, {@link #refresh()}, {@link #followerDelay()} and
     * its {@link #instance()} id. Immutable; {@link #defaults()} or {@link #builder()}.
     */
    final class Sharing {
        private final int quorum;
        private final Duration refresh;
        private final Duration followerDelay;
        private final String instance;

        private Sharing(Builder builder) {
            this.quorum = builder.quorum;
            this.refresh = builder.refresh;
            this.followerDelay = builder.followerDelay;
            this.instance = builder.instance != null ? builder.instance : newInstanceId();
        }

        /**
         * Quorum 2, refresh 500 ms, follower delay 10 s, a new random instance id.
         *
         * @return the defaults
         */
        public static Sharing defaults() {
            return builder().build();
        }

        /**
         * Starts from the defaults.
         *
         * @return a new builder
         */
        public static Builder builder() {
            return new Builder();
        }

        /**
         * How many distinct instances must have cooled a provider for timeouts or network failures, at the same
         * time, before the whole fleet skips it. Default 2.
         *
         * @return at least 1
         */
        public int quorum() {
            return quorum;
        }

        /**
         * How often the store is read: a fact reaches this instance's chains at most this long (plus the
         * store's round trip) after it was published. Default 500 ms.
         *
         * @return positive
         */
        public Duration refresh() {
            return refresh;
        }

        /**
         * How much later than the fleet's deadline an instance that only heard of a cooldown (and did not see
         * the failure itself) probes the provider: so that one instance's probe, which for a hanging provider
         * takes its whole attempt timeout, decides for the fleet, and the others hear its verdict before they
         * would probe too. Set it to at least your links' attempt timeout. The cost: when the provider has
         * recovered, those instances go back to it that much later. Default 10 s.
         *
         * @return not negative
         */
        public Duration followerDelay() {
            return followerDelay;
        }

        /**
         * This instance's id in the facts it shares: log-safe, no secret.
         *
         * @return the id
         */
        public String instance() {
            return instance;
        }

        private static String newInstanceId() {
            return ProcessHandle.current().pid() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        }

        @Override
        public String toString() {
            return "Sharing[quorum=" + quorum + ", refresh=" + refresh + ", followerDelay=" + followerDelay
                    + ", instance=" + instance + "]";
        }

        /** Builds a {@link Sharing}; unset values keep the defaults. Not thread-safe. */
        public static final class Builder {
            private int quorum = 2;
            private Duration refresh = Duration.ofMillis(500);
            private Duration followerDelay = Duration.ofSeconds(10);
            private String instance;

            private Builder() {
            }

            /**
             * See {@link Sharing#quorum()}.
             *
             * @param instances at least 1 (1 shares timeouts at once: one instance's bad network cools the fleet)
             * @return this builder
             */
            public Builder quorum(int instances) {
                if (instances < 1) {
                    throw new IllegalArgumentException(
                            "ProviderHealthStore.Sharing.Builder.quorum must be at least 1, was " + instances);
                }
                this.quorum = instances;
                return this;
            }

            /**
             * See {@link Sharing#refresh()}.
             *
             * @param interval positive, at most 1 s (the staleness SPEC §10 allows)
             * @return this builder
             */
            public Builder refresh(Duration interval) {
                Objects.requireNonNull(interval, "interval");
                if (interval.isZero() || interval.isNegative() || interval.compareTo(Duration.ofSeconds(1)) > 0) {
                    throw new IllegalArgumentException("ProviderHealthStore.Sharing.Builder.refresh must be "
                            + "positive and at most 1 s, was " + interval);
                }
                this.refresh = interval;
                return this;
            }

            /**
             * See {@link Sharing#followerDelay()}.
             *
             * @param delay not negative
             * @return this builder
             */
            public Builder followerDelay(Duration delay) {
                Objects.requireNonNull(delay, "delay");
                if (delay.isNegative()) {
                    throw new IllegalArgumentException(
                            "ProviderHealthStore.Sharing.Builder.followerDelay must not be negative, was " + delay);
                }
                this.followerDelay = delay;
                return this;
            }

            /**
             * See {@link Sharing#instance()}. Default: the process id and a random number.
             *
             * @param id not empty; no secret (it is stored and logged)
             * @return this builder
             */
            public Builder instance(String id) {
                if (id == null || id.isEmpty()) {
                    throw new IllegalArgumentException(
                            "ProviderHealthStore.Sharing.Builder.instance needs a non-empty id");
                }
                this.instance = id;
                return this;
            }

            /**
             * Builds it.
             *
             * @return the options
             */
            public Sharing build() {
                return new Sharing(this);
            }
        }
    }

    /**
     * Groups facts by provider, for {@link #read} implementations.
     *
     * @param facts facts of any providers
     * @return the same facts by provider, in encounter order
     */
    static Map<String, List<Fact>> byProvider(Collection<Fact> facts) {
        Map<String, List<Fact>> map = new LinkedHashMap<>();
        for (Fact fact : facts) {
            map.computeIfAbsent(fact.provider(), p -> new ArrayList<>()).add(fact);
        }
        return map;
    }
}
