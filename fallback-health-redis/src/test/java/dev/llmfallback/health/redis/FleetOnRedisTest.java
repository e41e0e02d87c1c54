package dev.llmfallback.health.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import dev.llmfallback.ProviderHealth;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A fleet on a real redis-server: each member ({@link FleetMember}) is loaded in a class loader of its own, so
 * it has its own engine, its own {@code ProviderHealth.shared()} registry, its own Lettuce client and threads, as
 * separate JVMs would; they share only Redis. Time is real here (Redis's and the sharing's threads are real);
 * each wait has a bound and asserts the behaviour within it.
 */
class FleetOnRedisTest {

    private static final long REFRESH_MILLIS = 100;
    private static final Duration STALENESS = Duration.ofSeconds(1);

    private static RedisServer redis;
    private static final Logger HEALTH_LOG = Logger.getLogger("dev.llmfallback.health");

    private final String prefix = "fleet-" + UUID.randomUUID() + ":";
    private final List<Member> members = new ArrayList<>();
    private final List<LogRecord> log = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            log.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.stop();
        }
    }

    @BeforeEach
    void captureLog() {
        HEALTH_LOG.addHandler(capture);
    }

    @AfterEach
    void stopMembers() throws Exception {
        HEALTH_LOG.removeHandler(capture);
        for (Member member : members) {
            member.close();
        }
    }

    /** A member in its own class loader, driven by reflection. */
    final class Member {
        final String id;
        final URLClassLoader loader;
        final Object target;

        Member(String id, String redisUri) throws Exception {
            this.id = id;
            loader = new URLClassLoader("member-" + id, classPath(), ClassLoader.getPlatformClassLoader());
            Class<?> type = loader.loadClass(FleetMember.class.getName());
            // As in a JVM of its own, the member's threads (which inherit it) see its loader as the context one.
            Thread current = Thread.currentThread();
            ClassLoader context = current.getContextClassLoader();
            current.setContextClassLoader(loader);
            try {
                target = type.getConstructor(String.class, String.class, String.class, long.class)
                        .newInstance(redisUri, prefix, id, REFRESH_MILLIS);
            } finally {
                current.setContextClassLoader(context);
            }
            members.add(this);
        }

        Object invoke(String name, Object... args) throws Exception {
            for (Method method : target.getClass().getMethods()) {
                if (method.getName().equals(name) && method.getParameterCount() == args.length) {
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException failed) {
                        throw (Exception) failed.getCause();
                    }
                }
            }
            throw new IllegalArgumentException(name);
        }

        String call() throws Exception {
            return (String) invoke("call");
        }

        String status() {
            return (String) unchecked("status");
        }

        String reason() {
            return (String) unchecked("reason");
        }

        int primaryCalls() {
            return (Integer) unchecked("primaryCalls");
        }

        boolean storeDown() {
            return (Boolean) unchecked("storeDown");
        }

        long reads() {
            return (Long) unchecked("reads");
        }

        void primary(String behaviour) throws Exception {
            invoke("primary", behaviour);
        }

        void reset() throws Exception {
            invoke("reset");
        }

        private Object unchecked(String name) {
            try {
                return invoke(name);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        long warnings() {
            return log.stream().filter(r -> r.getLevel() == Level.WARNING)
                    .filter(r -> r.getMessage().contains("(instance " + id + ")")).count();
        }

        void close() throws Exception {
            invoke("close");
            loader.close();
        }
    }

    private static URL[] classPath() throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Paths.get(entry).toUri().toURL());
        }
        return urls.toArray(new URL[0]);
    }

    /** A member connected to Redis: its first read is done (a new class loader starts cold, slowly on 2 cores). */
    private Member member(String id) throws Exception {
        Member member = new Member(id, redis.uri());
        await(Duration.ofSeconds(30), () -> member.reads() > 0, "member " + id + " reads Redis");
        return member;
    }

    /** Waits at most {@code max} for {@code condition}; fails with {@code what} otherwise. */
    private static long await(Duration max, BooleanSupplier condition, String what) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + max + ": " + what);
            }
            Thread.sleep(5);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private Map<String, String> stored(String provider) {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().hgetall(prefix + provider);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void eachMember_hasAnEngineOfItsOwn() throws Exception {
        Member a = member("a");
        Class<?> theirs = a.loader.loadClass(ProviderHealth.class.getName());
        assertThat(theirs).isNotSameAs(ProviderHealth.class);
        assertThat(theirs.getClassLoader()).isSameAs(a.loader);
    }

    @Test
    void a529SeenByA_makesBSkipThePrimary_withinTheStaleness() throws Exception {
        Member a = member("a");
        Member b = member("b");
        a.primary("529");
        b.primary("529");

        assertThat(a.call()).startsWith("secondary\t");
        long millis = await(STALENESS, () -> b.status().equals("COOLING"), "B cools the primary A saw fail");
        System.out.println("A's 529 reached B's chains in " + millis + " ms");

        String answer = b.call();
        assertThat(answer).startsWith("secondary\t").contains("primary SKIPPED_UNHEALTHY (fleet: 529 overloaded");
        assertThat(b.primaryCalls()).as("B never called the primary").isZero();
        assertThat(stored("primary").toString()).contains("529").doesNotContain(FleetMember.PROMPT);
    }

    @Test
    void oneMembersTimeouts_neverCoolTheOthers_twoMembersTimeoutsCoolThemAll() throws Exception {
        Member a = member("a");
        Member b = member("b");
        Member c = member("c");
        a.primary("timeout");
        for (int i = 0; i < 3; i++) {
            a.call();
        }
        assertThat(a.status()).isEqualTo("COOLING");
        await(STALENESS, () -> stored("primary").containsKey("instance:a"), "A's finding is stored");
        long cReads = c.reads();
        long bReads = b.reads();
        await(STALENESS, () -> c.reads() >= cReads + 3 && b.reads() >= bReads + 3, "three refreshes of B and C");
        assertThat(b.status()).as("one member's timeouts may be its own network").isEqualTo("HEALTHY");
        assertThat(c.status()).isEqualTo("HEALTHY");
        assertThat(c.call()).startsWith("primary\t");

        b.primary("timeout");
        for (int i = 0; i < 3; i++) {
            b.call();
        }
        await(STALENESS, () -> c.status().equals("COOLING"), "a quorum of two cools C");
        assertThat(c.reason()).isEqualTo("fleet, 2 instances: timeout (SocketTimeoutException)");
        int before = c.primaryCalls();
        assertThat(c.call()).startsWith("secondary\t");
        assertThat(c.primaryCalls()).isEqualTo(before);
        assertThat(stored("primary").toString()).doesNotContain(FleetMember.PROMPT);
    }

    @Test
    void redisKilledMidRun_everyCallIsAnswered_oneWarningEach_andSharingResumes() throws Exception {
        Member a = member("a");
        Member b = member("b");
        a.primary("529");
        a.call();
        await(STALENESS, () -> b.status().equals("COOLING"), "sharing works before the outage");

        redis.kill();
        int calls = 0;
        int answered = 0;
        long outageEnds = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < outageEnds) {
            for (Member member : List.of(a, b)) {
                if (calls % 50 == 0) {
                    member.reset(); // a fresh 529 for A to publish into the outage, a healthy primary for B
                }
                calls++;
                String answer = member.call();
                if (answer.startsWith("primary\t") || answer.startsWith("secondary\t")) {
                    answered++;
                }
            }
            Thread.sleep(2);
        }
        await(STALENESS, () -> a.storeDown() && b.storeDown(), "both members noticed the outage");
        System.out.println("Redis outage: " + answered + " of " + calls + " calls answered; warnings: a "
                + a.warnings() + ", b " + b.warnings());
        assertThat(answered).as("every call answered during the outage").isEqualTo(calls);
        assertThat(a.warnings()).as("one warning per member").isEqualTo(1);
        assertThat(b.warnings()).isEqualTo(1);

        redis.restart();
        long resumed = await(Duration.ofSeconds(10), () -> !a.storeDown() && !b.storeDown(),
                "both members reconnect by themselves");
        System.out.println("both members were sharing again " + resumed + " ms after Redis restarted");
        a.reset();
        b.reset();
        a.call();
        await(STALENESS, () -> b.status().equals("COOLING"), "sharing resumed: A's new 529 reaches B");
        assertThat(a.warnings()).isEqualTo(1);
        assertThat(b.warnings()).isEqualTo(1);
        assertThat(log).anySatisfy(r -> assertThat(r.getMessage()).contains("(instance b)", "sharing resumed"));
        assertThat(log).allSatisfy(r -> assertThat(r.getMessage()).doesNotContain(FleetMember.PROMPT));
    }

    @Test
    void aRedisThatNeverAnswers_neverDelaysACall() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Member a = new Member("a", "redis://127.0.0.1:" + silent.getLocalPort());
            a.primary("529");
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                for (int i = 0; i < 200; i++) {
                    assertThat(a.call()).startsWith("secondary\t");
                }
            }, "200 calls while the store's thread waits on a Redis that never answers");
            assertThat(a.reads()).isZero();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }
}
