package dev.llmfallback.health.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import dev.llmfallback.ProviderHealthStore.Fact;
import dev.llmfallback.ProviderHealthStore.Scope;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RedisProviderHealthStore} against a real redis-server started by the test: keys, the atomic
 * later-deadline-wins update under concurrent writers on separate connections, expiry at the deadline, what it
 * does with content that is not a fact, and an unreachable Redis.
 */
class RedisProviderHealthStoreTest {

    private static RedisServer redis;
    private static RedisClient inspector;
    private static StatefulRedisConnection<String, String> inspection;

    private final String prefix = "store-" + UUID.randomUUID() + ":";
    private final List<RedisProviderHealthStore> stores = new ArrayList<>();

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
        inspector = RedisClient.create(redis.uri());
        inspection = inspector.connect();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (inspection != null) {
            inspection.close();
            inspector.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (redis != null) {
            redis.stop();
        }
    }

    @AfterEach
    void closeStores() {
        stores.forEach(RedisProviderHealthStore::close);
    }

    private RedisProviderHealthStore store() {
        RedisProviderHealthStore store = RedisProviderHealthStore.builder().uri(redis.uri()).prefix(prefix).build();
        stores.add(store);
        return store;
    }

    private static RedisCommands<String, String> redisCommands() {
        return inspection.sync();
    }

    private static Instant inSeconds(long seconds) {
        return Instant.now().plusSeconds(seconds).truncatedTo(ChronoUnit.MILLIS);
    }

    private static Fact fact(String provider, Instant until, Scope scope, String instance) {
        return new Fact(provider, until, "529 overloaded", 529, false, scope, instance);
    }

    @Test
    void aFact_isStoredUnderThePrefix_andReadBack() throws Exception {
        RedisProviderHealthStore store = store();
        Instant until = inSeconds(30);
        store.publish(new Fact("anthropic", until, "quota or billing (402)", 402, true, Scope.PROVIDER, "pod-1"));
        store.publish(fact("anthropic", inSeconds(20), Scope.INSTANCE, "pod|2 with: odd chars"));

        assertThat(redisCommands().keys(prefix + "*")).containsExactly(prefix + "anthropic");
        assertThat(store.key("anthropic")).isEqualTo(prefix + "anthropic");
        Map<String, List<Fact>> read = store.read(List.of("anthropic", "openai"));
        assertThat(read).containsOnlyKeys("anthropic");
        assertThat(read.get("anthropic")).containsExactlyInAnyOrder(
                new Fact("anthropic", until, "quota or billing (402)", 402, true, Scope.PROVIDER, "pod-1"),
                fact("anthropic", read.get("anthropic").stream().filter(f -> f.scope() == Scope.INSTANCE)
                        .findFirst().orElseThrow().coolingUntil(), Scope.INSTANCE, "pod|2 with: odd chars"));
    }

    @Test
    void theLaterDeadlineWins_underConcurrentWritersOnSeparateConnections() throws Exception {
        int writers = 4;
        int each = 100;
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<long[]>> results = new ArrayList<>();
        long base = Instant.now().plusSeconds(60).toEpochMilli();
        try {
            for (int w = 0; w < writers; w++) {
                RedisProviderHealthStore store = store();
                String instance = "writer-" + w;
                results.add(threads.submit(() -> {
                    go.await();
                    long latestShared = 0;
                    long latestOwn = 0;
                    for (int i = 0; i < each; i++) {
                        long shared = base + ThreadLocalRandom.current().nextInt(100_000);
                        long own = base + ThreadLocalRandom.current().nextInt(100_000);
                        store.publish(fact("anthropic", Instant.ofEpochMilli(shared), Scope.PROVIDER, instance));
                        store.publish(fact("anthropic", Instant.ofEpochMilli(own), Scope.INSTANCE, instance));
                        latestShared = Math.max(latestShared, shared);
                        latestOwn = Math.max(latestOwn, own);
                    }
                    return new long[] {latestShared, latestOwn};
                }));
            }
            go.countDown();
            long latestShared = 0;
            List<Fact> expectedOwn = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                long[] latest = results.get(w).get(60, TimeUnit.SECONDS);
                latestShared = Math.max(latestShared, latest[0]);
                expectedOwn.add(fact("anthropic", Instant.ofEpochMilli(latest[1]), Scope.INSTANCE, "writer-" + w));
            }
            List<Fact> stored = store().read(List.of("anthropic")).get("anthropic");
            assertThat(stored).filteredOn(f -> f.scope() == Scope.PROVIDER).singleElement()
                    .extracting(Fact::coolingUntil).isEqualTo(Instant.ofEpochMilli(latestShared));
            assertThat(stored).filteredOn(f -> f.scope() == Scope.INSTANCE)
                    .containsExactlyInAnyOrderElementsOf(expectedOwn);
            assertThat(redisCommands().pexpiretime(prefix + "anthropic"))
                    .as("the key expires at the latest deadline it holds")
                    .isEqualTo(Math.max(latestShared, expectedOwn.stream()
                            .mapToLong(f -> f.coolingUntil().toEpochMilli()).max().orElseThrow()));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void anEarlierDeadline_neverReplacesALaterOne() throws Exception {
        RedisProviderHealthStore store = store();
        Instant later = inSeconds(60);
        store.publish(fact("anthropic", later, Scope.PROVIDER, "a"));
        store.publish(fact("anthropic", inSeconds(5), Scope.PROVIDER, "b"));
        assertThat(store.read(List.of("anthropic")).get("anthropic")).singleElement()
                .satisfies(f -> assertThat(f.coolingUntil()).isEqualTo(later))
                .satisfies(f -> assertThat(f.instance()).isEqualTo("a"));
    }

    @Test
    void keysExpireAtTheirDeadline_andEndedFindingsAreDropped() throws Exception {
        RedisProviderHealthStore store = store();
        Instant soon = Instant.now().plusMillis(300).truncatedTo(ChronoUnit.MILLIS);
        store.publish(fact("openai", soon, Scope.PROVIDER, "a"));
        assertThat(redisCommands().pexpiretime(prefix + "openai")).isEqualTo(soon.toEpochMilli());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (redisCommands().exists(prefix + "openai") == 1) {
            if (System.nanoTime() > deadline) {
                fail("the key outlived its deadline by 5 s");
            }
            Thread.sleep(20);
        }
        assertThat(store.read(List.of("openai"))).isEmpty();

        store.publish(fact("anthropic", Instant.now().plusMillis(200), Scope.INSTANCE, "a"));
        Instant later = inSeconds(60);
        long waitUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(250);
        while (System.nanoTime() < waitUntil) {
            Thread.sleep(20);
        }
        store.publish(fact("anthropic", later, Scope.INSTANCE, "b"));
        assertThat(redisCommands().hkeys(prefix + "anthropic")).as("a's finding ended: dropped on the next write")
                .containsExactly("instance:b");
        assertThat(redisCommands().pexpiretime(prefix + "anthropic")).isEqualTo(later.toEpochMilli());
    }

    @Test
    void valuesThatAreNotFacts_areSkipped() throws Exception {
        RedisProviderHealthStore store = store();
        redisCommands().hset(prefix + "anthropic", Map.of("provider", "not a fact", "instance:x", "1|2|3",
                "instance:y", "99999999999999|529|0|Q|y|bad scope"));
        store.publish(fact("anthropic", inSeconds(30), Scope.INSTANCE, "z"));
        assertThat(store.read(List.of("anthropic")).get("anthropic")).extracting(Fact::instance).containsExactly("z");
    }

    @Test
    void anUnreachableRedis_failsTheCommand_withinItsTimeout() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        RedisProviderHealthStore store = RedisProviderHealthStore.builder().uri("redis://127.0.0.1:" + port)
                .commandTimeout(Duration.ofMillis(200)).build();
        stores.add(store);
        assertThatThrownBy(() -> store.publish(fact("anthropic", inSeconds(5), Scope.PROVIDER, "a")))
                .isInstanceOf(Exception.class);
        assertThatThrownBy(() -> store.read(List.of("anthropic"))).isInstanceOf(Exception.class);
    }

    @Test
    void badConfiguration_isExplained() {
        assertThatThrownBy(() -> RedisProviderHealthStore.builder().build())
                .hasMessageContaining("RedisProviderHealthStore.Builder.build").hasMessageContaining("uri(");
        assertThatThrownBy(() -> RedisProviderHealthStore.builder().uri("http://nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RedisProviderHealthStore.Builder.uri").hasMessageContaining("redis://");
        assertThatThrownBy(() -> RedisProviderHealthStore.builder().prefix(""))
                .hasMessageContaining("prefix");
    }
}
