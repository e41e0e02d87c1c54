package dev.llmfallback.health.redis;

import dev.llmfallback.ProviderHealthStore;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ProviderHealthStore} on Redis (SPEC §10), with the Lettuce client.
 *
 * <p>Each provider's facts live in one hash, {@code <prefix><provider>} (default prefix {@value #DEFAULT_PREFIX}):
 * the provider's own word under one field, each instance's finding under a field of its own. A Lua script
 * updates a field only when the new deadline is later (atomic against any number of writers), drops the fields
 * whose deadline has passed, and sets the key to expire at the latest deadline left, so nothing outlives the
 * cooldowns it holds. Reads are one pipelined {@code HGETALL} per provider. Redis 6.2 or later.
 *
 * <p>Nothing connects until the first use, which happens on the sharing's own thread: a Redis that is down at
 * start-up costs nothing but the warning the sharing logs. An established connection reconnects by itself
 * (back-off 50 ms to 1 s); while it is down, commands fail at once rather than queue, and every command has a
 * timeout ({@link Builder#commandTimeout}, default 500 ms). Clocks: deadlines are wall-clock instants, so the
 * fleet's clocks should agree (NTP); a skew of a second shifts a cooldown by a second. Thread-safe.
 */
public final class RedisProviderHealthStore implements ProviderHealthStore {

    /** The key prefix unless {@link Builder#prefix} says otherwise. */
    public static final String DEFAULT_PREFIX = "llm-fallback:health:";

    private static final String PUBLISH = String.join("\n",
            "local current = redis.call('HGET', KEYS[1], ARGV[1])",
            "local deadline = tonumber(ARGV[2])",
            "if current and (tonumber(string.match(current, '^%d+')) or 0) >= deadline then",
            "  return 0",
            "end",
            "redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])",
            "local now = tonumber(ARGV[4])",
            "local latest = 0",
            "local all = redis.call('HGETALL', KEYS[1])",
            "for i = 1, #all, 2 do",
            "  local at = tonumber(string.match(all[i + 1], '^%d+')) or 0",
            "  if at <= now then",
            "    redis.call('HDEL', KEYS[1], all[i])",
            "  elseif at > latest then",
            "    latest = at",
            "  end",
            "end",
            "if latest > 0 then",
            "  redis.call('PEXPIREAT', KEYS[1], latest)",
            "end",
            "return 1");

    private final RedisURI uri;
    private final String prefix;
    private final Duration commandTimeout;
    private final Clock wall;
    private final ClientResources resources;
    private final RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private boolean closed;

    private RedisProviderHealthStore(Builder builder) {
        this.uri = builder.uri;
        this.prefix = builder.prefix;
        this.commandTimeout = builder.commandTimeout;
        this.wall = builder.wall;
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
    }

    /**
     * A store on the Redis of {@code uri}, with the default prefix.
     *
     * @param uri e.g. {@code redis://localhost:6379}, {@code rediss://:password@host:6380/2}
     * @return the store; it connects on first use
     * @throws IllegalArgumentException if the URI does not parse
     */
    public static RedisProviderHealthStore create(String uri) {
        return builder().uri(uri).build();
    }

    /**
     * Starts a store's configuration.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The key of a provider's hash.
     *
     * @param provider the provider label
     * @return the prefix and the label
     */
    public String key(String provider) {
        return prefix + provider;
    }

    @Override
    public void publish(Fact fact) throws Exception {
        long now = wall.millis();
        Long changed = connection().sync().eval(PUBLISH, ScriptOutputType.INTEGER, new String[] {key(fact.provider())},
                FactCodec.field(fact), Long.toString(fact.coolingUntil().toEpochMilli()), FactCodec.encode(fact),
                Long.toString(now));
        Objects.requireNonNull(changed, "Redis answered nothing to the publish script");
    }

    @Override
    public Map<String, List<Fact>> read(Collection<String> providers) throws Exception {
        StatefulRedisConnection<String, String> redis = connection();
        Map<String, RedisFuture<Map<String, String>>> pending = new LinkedHashMap<>();
        for (String provider : providers) {
            pending.put(provider, redis.async().hgetall(key(provider)));
        }
        long deadline = System.nanoTime() + commandTimeout.toNanos();
        Map<String, List<Fact>> facts = new LinkedHashMap<>();
        for (Map.Entry<String, RedisFuture<Map<String, String>>> entry : pending.entrySet()) {
            Map<String, String> fields = entry.getValue().get(Math.max(0, deadline - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
            List<Fact> list = new ArrayList<>(fields.size());
            for (String value : fields.values()) {
                Fact fact = FactCodec.decode(entry.getKey(), value);
                if (fact != null) {
                    list.add(fact);
                }
            }
            if (!list.isEmpty()) {
                facts.put(entry.getKey(), list);
            }
        }
        return facts;
    }

    /** The connection, made on first use; a failed attempt is made again on the next use. */
    private synchronized StatefulRedisConnection<String, String> connection() {
        if (closed) {
            throw new IllegalStateException("RedisProviderHealthStore is closed");
        }
        if (connection == null) {
            connection = client.connect();
            connection.setTimeout(commandTimeout);
        }
        return connection;
    }

    /** Closes the connection and the client's threads. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return "RedisProviderHealthStore[" + uri.getHost() + ":" + uri.getPort() + ", prefix=" + prefix + "]";
    }

    /** Configures a {@link RedisProviderHealthStore}. Not thread-safe. */
    public static final class Builder {
        private RedisURI uri;
        private String prefix = DEFAULT_PREFIX;
        private Duration commandTimeout = Duration.ofMillis(500);
        private Clock wall = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Where Redis is (required).
         *
         * @param uri a Redis URI as Lettuce reads it: {@code redis://[[user:]password@]host[:port][/database]},
         *            {@code rediss://...} for TLS, {@code redis-sentinel://...}
         * @return this builder
         * @throws IllegalArgumentException if it does not parse
         */
        public Builder uri(String uri) {
            Objects.requireNonNull(uri, "uri");
            try {
                this.uri = RedisURI.create(uri);
            } catch (RuntimeException malformed) {
                throw new IllegalArgumentException("RedisProviderHealthStore.Builder.uri: cannot read the Redis URI "
                        + "(" + malformed.getMessage() + "); fix: pass e.g. redis://localhost:6379", malformed);
            }
            return this;
        }

        /**
         * The prefix of every key (e.g. one per environment sharing a Redis). Default {@value #DEFAULT_PREFIX}.
         *
         * @param prefix not empty
         * @return this builder
         */
        public Builder prefix(String prefix) {
            if (prefix == null || prefix.isEmpty()) {
                throw new IllegalArgumentException(
                        "RedisProviderHealthStore.Builder.prefix must not be empty; fix: e.g. \"myapp:health:\"");
            }
            this.prefix = prefix;
            return this;
        }

        /**
         * How long a command may take before it fails (and the sharing logs it and goes on). Default 500 ms.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder commandTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException(
                        "RedisProviderHealthStore.Builder.commandTimeout must be positive, was " + timeout);
            }
            this.commandTimeout = timeout;
            return this;
        }

        /**
         * Builds the store. Connects on first use, not now.
         *
         * @return the store
         * @throws IllegalStateException if no {@link #uri} was set
         */
        public RedisProviderHealthStore build() {
            if (uri == null) {
                throw new IllegalStateException(
                        "RedisProviderHealthStore.Builder.build: no Redis URI; fix: call uri(\"redis://host:6379\")");
            }
            return new RedisProviderHealthStore(this);
        }
    }
}
