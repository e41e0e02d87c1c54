package dev.llmfallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmfallback.Attempt.Outcome;
import dev.llmfallback.ProviderHealth.Status;
import dev.llmfallback.ProviderHealthStore.Fact;
import dev.llmfallback.ProviderHealthStore.Scope;
import dev.llmfallback.ProviderHealthStore.Sharing;
import dev.llmfallback.internal.health.HealthRegistry;
import dev.llmfallback.internal.health.shared.FleetHealth;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Fleet-shared provider health (SPEC §10) through the programmatic chain: several instances, each its own
 * registry, sharing through one store that keeps the SPI's contract, all on one fake clock. Each instance's
 * store thread is a queue the test runs, so a test sees exactly what a call does (never touch the store) and
 * what the sharing thread does. No test sleeps.
 */
class SharedProviderHealthTest {

    private static final String SECRET = "s3cr3t-prompt-fleet";
    private static final Instant START = Instant.parse("2026-11-29T10:00:00Z");
    private static final Duration REFRESH = Duration.ofMillis(500);
    private static final Duration FOLLOWER_OFFSET = Duration.ofSeconds(2);

    private final FakeScheduler clock = new FakeScheduler();
    private final long startNanos = clock.nanoTime();
    private final Clock wall = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return START.plusNanos(clock.nanoTime() - startNanos);
        }
    };
    private final MemoryHealthStore store = new MemoryHealthStore(wall);

    /** One instance of the fleet: its registry, its chain, its store thread and its log. */
    final class Instance {
        final String id;
        final ProviderHealth health = new ProviderHealth(new HealthRegistry(clock::nanoTime, wall));
        final ArrayDeque<Runnable> storeThread = new ArrayDeque<>();
        final List<String> warnings = new ArrayList<>();
        final List<String> infos = new ArrayList<>();
        final AtomicInteger anthropicCalls = new AtomicInteger();
        final FleetHealth link;
        Supplier<String> anthropic = () -> "anthropic";
        final FallbackChain<String, String> chain;

        Instance(String id) {
            this.id = id;
            link = new FleetHealth(health.registry(), store, Sharing.builder().instance(id).refresh(REFRESH).build(),
                    storeThread::add, FOLLOWER_OFFSET.toNanos(), new ListLogger(warnings, infos));
            link.install();
            chain = FallbackChain.<String, String>builder()
                    .provider("anthropic", p -> {
                        anthropicCalls.incrementAndGet();
                        return anthropic.get();
                    })
                    .provider("openai", p -> "openai")
                    .skipOn(ProviderFaults.INSTANCE)
                    .health(OutageCooldown.INSTANCE)
                    .healthRegistry(health)
                    .scheduler(clock)
                    .build();
        }

        /** Runs what the calls handed to the store thread: publishing. */
        void publish() {
            while (!storeThread.isEmpty()) {
                storeThread.poll().run();
            }
        }

        /** One tick of the store thread. */
        void refresh() {
            publish();
            link.refresh();
        }

        Status status() {
            return health.state("anthropic").status();
        }

        String run() throws Exception {
            return chain.run(SECRET);
        }
    }

    private static RuntimeException status(int status) {
        return new ProviderHealthTest.ProviderError(status);
    }

    private static Supplier<String> throwing(Supplier<RuntimeException> failure) {
        return () -> {
            throw failure.get();
        };
    }

    private static RuntimeException timeout() {
        return new java.io.UncheckedIOException(new SocketTimeoutException("read timed out for " + SECRET));
    }

    @Test
    public void a529SeenByA_makesBSkip_afterOneRefresh_andACallNeverTouchesTheStore() throws Exception {
        Instance a = new Instance("a");
        Instance b = new Instance("b");
        a.anthropic = throwing(() -> status(529));

        assertThat(a.run()).isEqualTo("openai");
        assertThat(store.publishes).as("the call only handed the fact to the store thread").isZero();
        assertThat(a.storeThread).hasSize(1);
        a.publish();
        assertThat(store.all()).singleElement().satisfies(fact -> {
            assertThat(fact.provider()).isEqualTo("anthropic");
            assertThat(fact.reason()).isEqualTo("529 overloaded");
            assertThat(fact.status()).isEqualTo(529);
            assertThat(fact.scope()).isEqualTo(Scope.PROVIDER);
            assertThat(fact.instance()).isEqualTo("a");
            assertThat(fact.coolingUntil()).isEqualTo(START.plusSeconds(5));
        });

        assertThat(b.run()).as("before B's refresh, B still calls it").isEqualTo("anthropic");
        int readsBefore = store.reads;
        b.refresh();
        assertThat(store.reads).isEqualTo(readsBefore + 1);
        assertThat(b.status()).isEqualTo(Status.COOLING);
        assertThat(b.health.state("anthropic").reason()).isEqualTo("fleet: 529 overloaded");
        assertThat(b.health.state("anthropic").until()).as("the fleet's deadline plus B's follower offset")
                .contains(START.plusSeconds(5).plus(FOLLOWER_OFFSET));

        b.anthropicCalls.set(0);
        assertThat(b.run()).isEqualTo("openai");
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                .containsExactly(Outcome.SKIPPED_UNHEALTHY, Outcome.SUCCEEDED);
        assertThat(FallbackTrace.current().toString()).contains("SKIPPED_UNHEALTHY (fleet: 529 overloaded, 7 s left)");
        assertThat(b.anthropicCalls).hasValue(0);
        assertThat(store.reads).as("B's calls read their cell, not the store").isEqualTo(readsBefore + 1);
        assertThat(b.storeThread).as("adopting a fact publishes nothing").isEmpty();
    }

    @Test
    public void theInstanceThatSawIt_probesFirst_andItsVerdictReachesTheOthersBeforeTheyProbe() throws Exception {
        Instance a = new Instance("a");
        Instance b = new Instance("b");
        a.anthropic = throwing(() -> status(529));
        b.anthropic = throwing(() -> status(529));
        a.run();
        a.refresh();
        b.refresh();

        clock.skip(Duration.ofSeconds(5));
        a.run();
        assertThat(a.anthropicCalls).as("A's cooldown ended: A probes, and fails").hasValue(2);
        assertThat(a.health.state("anthropic").until()).contains(START.plusSeconds(15));
        assertThat(b.run()).isEqualTo("openai");
        assertThat(b.anthropicCalls).as("B waits for A's verdict").hasValue(0);

        a.refresh();
        b.refresh();
        clock.skip(FOLLOWER_OFFSET);
        b.run();
        assertThat(b.anthropicCalls).as("A's new deadline reached B before B's own ended").hasValue(0);
        assertThat(b.health.state("anthropic").until()).contains(START.plusSeconds(15).plus(FOLLOWER_OFFSET));

        a.anthropic = () -> "anthropic";
        b.anthropic = () -> "anthropic";
        clock.skip(Duration.ofSeconds(8));
        assertThat(a.run()).as("A probes at the fleet's deadline and heals").isEqualTo("anthropic");
        a.refresh();
        b.refresh();
        assertThat(b.run()).as("B still waits its offset").isEqualTo("openai");
        clock.skip(FOLLOWER_OFFSET);
        assertThat(b.run()).isEqualTo("anthropic");
        assertThat(b.status()).isEqualTo(Status.HEALTHY);
    }

    @Test
    public void oneInstancesTimeouts_neverCoolTheOthers_twoInstancesTimeoutsCoolAll() throws Exception {
        Instance a = new Instance("a");
        Instance b = new Instance("b");
        Instance c = new Instance("c");
        a.anthropic = throwing(SharedProviderHealthTest::timeout);
        b.anthropic = throwing(SharedProviderHealthTest::timeout);

        for (int i = 0; i < 3; i++) {
            a.run();
        }
        assertThat(a.status()).isEqualTo(Status.COOLING);
        a.refresh();
        assertThat(store.all()).singleElement().extracting(Fact::scope).isEqualTo(Scope.INSTANCE);
        b.refresh();
        c.refresh();
        assertThat(b.status()).as("one instance's timeouts may be its own network").isEqualTo(Status.HEALTHY);
        assertThat(c.status()).isEqualTo(Status.HEALTHY);
        assertThat(c.run()).isEqualTo("anthropic");

        clock.skip(Duration.ofSeconds(1));
        for (int i = 0; i < 3; i++) {
            b.run();
        }
        b.refresh();
        c.refresh();
        a.refresh();
        assertThat(c.status()).as("two instances: a quorum").isEqualTo(Status.COOLING);
        assertThat(c.health.state("anthropic").reason())
                .isEqualTo("fleet, 2 instances: timeout (UncheckedIOException)");
        assertThat(c.health.state("anthropic").until()).as("a quorum's finding counts as the provider's word: the "
                + "latest deadline, after which both owners will have probed").contains(START.plusSeconds(11).plus(FOLLOWER_OFFSET));
        assertThat(a.health.state("anthropic").until()).as("A and B own the quorum: they keep their own deadlines")
                .contains(START.plusSeconds(10));
        assertThat(b.health.state("anthropic").until()).contains(START.plusSeconds(11));
        c.anthropicCalls.set(0);
        assertThat(c.run()).isEqualTo("openai");
        assertThat(c.anthropicCalls).hasValue(0);

        c.anthropic = throwing(SharedProviderHealthTest::timeout);
        clock.skip(Duration.ofSeconds(10).plus(FOLLOWER_OFFSET));
        c.run();
        assertThat(c.anthropicCalls).as("C's adopted cooldown ended: C probes").hasValue(1);
        assertThat(c.status()).as("a failed probe of a fleet cooldown cools again, as a local probe's does")
                .isEqualTo(Status.COOLING);
        assertThat(c.health.state("anthropic").reason()).isEqualTo("timeout (UncheckedIOException)");
        c.publish();
        assertThat(store.all()).extracting(Fact::instance).contains("c");
    }

    @Test
    public void aQuorumOfOne_sharesTimeoutsAtOnce() throws Exception {
        Instance a = new Instance("a");
        Instance b = new Instance("b");
        FleetHealth quorumOfOne = new FleetHealth(b.health.registry(), store,
                Sharing.builder().instance("b").quorum(1).build(), Runnable::run, 0, new ListLogger(b.warnings, b.infos));
        b.link.close();
        quorumOfOne.install();
        a.anthropic = throwing(SharedProviderHealthTest::timeout);
        for (int i = 0; i < 3; i++) {
            a.run();
        }
        a.refresh();
        quorumOfOne.refresh();
        assertThat(b.status()).isEqualTo(Status.COOLING);
    }

    @Test
    public void aRemoteFact_neverShortensALocalCooldown_andLeavesAProbeAndAnOperatorAlone() throws Exception {
        Instance a = new Instance("a");
        Instance b = new Instance("b");
        b.anthropic = throwing(() -> new ProviderHealthTest.ProviderError(429, Map.of("retry-after", List.of("30"))));
        b.run();
        a.anthropic = throwing(() -> status(529));
        a.run();
        a.refresh();
        b.refresh();
        a.refresh();
        assertThat(store.all()).as("the store keeps the later deadline").singleElement()
                .extracting(Fact::instance).isEqualTo("b");
        assertThat(b.health.state("anthropic").until()).contains(START.plusSeconds(30));
        assertThat(b.health.state("anthropic").reason()).isEqualTo("429 rate limited, retry-after 30 s");
        assertThat(a.health.state("anthropic").until()).as("A adopts B's later deadline")
                .contains(START.plusSeconds(30).plus(FOLLOWER_OFFSET));

        Instance c = new Instance("c");
        c.health.forceOpen("anthropic", Duration.ofSeconds(3));
        c.refresh();
        assertThat(c.status()).isEqualTo(Status.FORCED_OPEN);
    }

    @Test
    public void hardReasons_staySoAcrossTheFleet() throws Exception {
        Instance a = new Instance("a");
        Instance b = new Instance("b");
        a.anthropic = throwing(() -> status(402));
        a.run();
        a.refresh();
        b.refresh();
        assertThat(b.health.state("anthropic").reason()).isEqualTo("fleet: quota or billing (402 payment required)");
        b.health.forceOpen("openai", Duration.ofMinutes(1));
        assertThatThrownBy(b::run).isInstanceOf(AllProvidersUnhealthyException.class);
    }

    @Test
    public void anUnreachableStore_failsOpen_warnsOnceAMinute_andSharingResumesWhenItIsBack() throws Exception {
        Instance a = new Instance("a");
        Instance b = new Instance("b");
        store.down(true);
        a.anthropic = throwing(() -> status(529));

        assertThat(a.run()).isEqualTo("openai");
        a.refresh();
        b.refresh();
        assertThat(a.warnings).hasSize(1);
        assertThat(a.warnings.get(0)).contains("failed to publish", "ConnectException", "own provider health");
        assertThat(b.warnings).hasSize(1);
        for (int i = 0; i < 100; i++) {
            clock.skip(Duration.ofMillis(500));
            assertThat(a.run()).isEqualTo("openai");
            assertThat(b.run()).isIn("anthropic", "openai");
            a.refresh();
            b.refresh();
        }
        assertThat(a.warnings).as("50 s of refreshes: still one warning").hasSize(1);
        clock.skip(Duration.ofSeconds(11));
        a.refresh();
        assertThat(a.warnings).as("a minute on: one more").hasSize(2);
        assertThat(b.status()).as("B ran on its own health").isIn(Status.HEALTHY, Status.COOLING);

        store.down(false);
        a.run();
        a.refresh();
        assertThat(a.infos).containsExactly("llm-fallback (instance a): the provider health store answers again; sharing resumed");
        assertThat(store.all()).as("what waited while it was down, still live, is published").isNotEmpty();
        b.anthropic = () -> "anthropic";
        b.health.reset("anthropic");
        b.refresh();
        assertThat(b.health.state("anthropic").reason()).startsWith("fleet: 529");
    }

    @Test
    public void nothingOfThePromptReachesTheStoreOrTheLog() throws Exception {
        Instance a = new Instance("a");
        a.anthropic = throwing(() -> new IllegalStateException(SECRET, new ProviderHealthTest.ProviderError(503)));
        a.run();
        a.refresh();
        assertThat(store.all()).singleElement().extracting(Fact::reason).isEqualTo("503 unavailable");
        assertThat(store.all().toString()).doesNotContain(SECRET);
        a.anthropic = throwing(SharedProviderHealthTest::timeout);
        clock.skip(Duration.ofSeconds(6));
        for (int i = 0; i < 4; i++) {
            a.run();
        }
        a.refresh();
        assertThat(store.all()).singleElement().extracting(Fact::scope).isEqualTo(Scope.INSTANCE);
        assertThat(store.all().toString()).doesNotContain(SECRET);
        store.down(true);
        clock.skip(Duration.ofSeconds(70));
        a.run();
        a.refresh();
        assertThat(a.warnings).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(SECRET));
    }

    @Test
    public void aReasonFromTheStore_isBoundedAndHasNoControlCharacters() throws Exception {
        Fact fact = new Fact("p", START, "x\n".repeat(100), -1, false, Scope.PROVIDER, "i");
        assertThat(fact.reason()).hasSize(Fact.MAX_REASON).doesNotContain("\n");
    }

    @Test
    public void sharingTwice_isRejected_andClosingStopsIt() throws Exception {
        Instance a = new Instance("a");
        FleetHealth second = new FleetHealth(a.health.registry(), store, Sharing.defaults(), Runnable::run, 0,
                new ListLogger(a.warnings, a.infos));
        assertThatThrownBy(second::install).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ProviderHealth.share")
                .hasMessageContaining("close the AutoCloseable");
        a.link.close();
        a.anthropic = throwing(() -> status(529));
        a.run();
        assertThat(a.storeThread).isEmpty();
        a.link.refresh();
        assertThat(store.reads).isZero();
    }

    /** A System.Logger that keeps what it is told, by level. */
    static final class ListLogger implements System.Logger {
        private final List<String> warnings;
        private final List<String> infos;

        ListLogger(List<String> warnings, List<String> infos) {
            this.warnings = warnings;
            this.infos = infos;
        }

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            (level == Level.WARNING ? warnings : infos).add(msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            log(level, bundle, format, (Throwable) null);
        }
    }
}
