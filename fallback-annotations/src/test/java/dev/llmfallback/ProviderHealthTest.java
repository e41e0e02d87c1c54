package dev.llmfallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmfallback.Attempt.Outcome;
import dev.llmfallback.ProviderHealth.Status;
import dev.llmfallback.internal.health.HealthRegistry;
import dev.llmfallback.internal.health.ProviderCell;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Provider health (SPEC §9) through the programmatic chain, on a fake clock shared by the chain and the
 * health registry: cooldowns by signal, skipping, probing and back-off, the all-unhealthy rules, sharing by
 * label, and what operators see. No test sleeps.
 */
class ProviderHealthTest {

    private static final String SECRET = "s3cr3t-prompt-health";

    private final FakeScheduler clock = new FakeScheduler();
    private final ProviderHealth health = new ProviderHealth(new HealthRegistry(clock::nanoTime,
            Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC)));
    private final AtomicInteger anthropicCalls = new AtomicInteger();

    /** A provider failure with a status, headers and a message that quotes the prompt. */
    static final class ProviderError extends RuntimeException implements HasStatusCode {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final transient Map<String, List<String>> headers;

        ProviderError(int status, Map<String, List<String>> headers) {
            super("HTTP " + status + " for " + SECRET, null, false, false);
            this.status = status;
            this.headers = headers;
        }

        ProviderError(int status) {
            this(status, Map.of());
        }

        @Override
        public int statusCode() {
            return status;
        }

        public Map<String, List<String>> headers() {
            return headers;
        }
    }

    /** anthropic fails with what {@code behaviour} throws (or answers), openai answers. */
    private FallbackChain<String, String> chain(HealthPolicy policy, Behaviour anthropic) {
        return FallbackChain.<String, String>builder()
                .provider("anthropic", p -> {
                    anthropicCalls.incrementAndGet();
                    return anthropic.call();
                })
                .provider("openai", p -> "openai")
                .skipOn(ProviderFaults.INSTANCE)
                .health(policy)
                .healthRegistry(health)
                .scheduler(clock)
                .build();
    }

    @FunctionalInterface
    interface Behaviour {
        String call() throws Exception;
    }

    private static Behaviour failing(RuntimeException failure) {
        return () -> {
            throw failure;
        };
    }

    private List<Outcome> outcomes() {
        List<Outcome> outcomes = new ArrayList<>();
        FallbackTrace.current().attempts().forEach(a -> outcomes.add(a.outcome()));
        return outcomes;
    }

    @Test
    public void overloaded_coolsFiveSeconds_skipsMeanwhile_thenOneProbeHeals() throws Exception {
        AtomicInteger mode = new AtomicInteger();
        FallbackChain<String, String> chain = chain(OutageCooldown.INSTANCE, () -> {
            if (mode.get() == 0) {
                throw new ProviderError(529);
            }
            return "anthropic";
        });

        assertThat(chain.run("p")).isEqualTo("openai");
        assertThat(FallbackTrace.current().summary(0)).contains("529 overloaded");
        assertThat(FallbackTrace.current().summary(1)).as("it answered").isEmpty();
        assertThat(health.state("anthropic").status()).isEqualTo(Status.COOLING);
        assertThat(health.state("anthropic").reason()).isEqualTo("529 overloaded");
        assertThat(health.state("anthropic").until()).contains(Instant.parse("2026-11-29T10:00:05Z"));

        clock.skip(Duration.ofSeconds(2));
        assertThat(chain.run("p")).isEqualTo("openai");
        assertThat(outcomes()).containsExactly(Outcome.SKIPPED_UNHEALTHY, Outcome.SUCCEEDED);
        assertThat(FallbackTrace.current().toString()).contains("anthropic SKIPPED_UNHEALTHY (529 overloaded, 3 s left)");
        assertThat(FallbackTrace.current().summary(0)).contains("529 overloaded, 3 s left");
        assertThat(FallbackTrace.current().attempts().get(0).duration()).isZero();
        assertThat(anthropicCalls).hasValue(1);

        mode.set(1);
        clock.skip(Duration.ofSeconds(3));
        assertThat(chain.run("p")).as("the cooldown is over: one probe, which answers").isEqualTo("anthropic");
        assertThat(health.state("anthropic").status()).isEqualTo(Status.HEALTHY);
        assertThat(anthropicCalls).hasValue(2);
    }

    @Test
    public void aProbeEndedByAnError_freesItsSlotAtOnce_soTheNextCallProbes() throws Exception {
        AtomicInteger mode = new AtomicInteger();
        AssertionError bug = new AssertionError("a bug in the provider's client");
        FallbackChain<String, String> chain = chain(OutageCooldown.INSTANCE, () -> {
            switch (mode.get()) {
                case 0:
                    throw new ProviderError(529);
                case 1:
                    throw bug;
                default:
                    return "anthropic";
            }
        });
        chain.run("p");
        clock.skip(Duration.ofSeconds(5));

        mode.set(1);
        assertThat(catchThrowable(() -> chain.run("p"))).as("an Error ends the chain unjudged").isSameAs(bug);
        assertThat(outcomes()).containsExactly(Outcome.STOPPED);

        mode.set(2);
        assertThat(chain.run("p")).as("no probe is still in flight: this call probes, at the same instant")
                .isEqualTo("anthropic");
        assertThat(anthropicCalls).hasValue(3);
    }

    @Test
    public void aFailedProbe_coolsAgain_doublingUpToTheMaximum() throws Exception {
        FallbackChain<String, String> chain = chain(OutageCooldown.INSTANCE, failing(new ProviderError(503)));
        List<Duration> cooldowns = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            chain.run("p");
            Instant until = health.state("anthropic").until().orElseThrow();
            cooldowns.add(Duration.between(Instant.parse("2026-11-29T10:00:00Z"), until));
            clock.skip(cooldowns.get(i));
        }
        assertThat(cooldowns).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
                Duration.ofSeconds(40), Duration.ofSeconds(60), Duration.ofSeconds(60));
        assertThat(anthropicCalls).as("only the probes reached it").hasValue(6);
    }

    @Test
    public void rateLimited_respectsRetryAfter() throws Exception {
        FallbackChain<String, String> chain = chain(OutageCooldown.INSTANCE,
                failing(new ProviderError(429, Map.of("retry-after", List.of("2")))));

        chain.run("p");
        clock.skip(Duration.ofMillis(1999));
        chain.run("p");
        assertThat(anthropicCalls).as("not called again before its Retry-After").hasValue(1);
        clock.skip(Duration.ofMillis(1));
        chain.run("p");
        assertThat(anthropicCalls).hasValue(2);
    }

    @Test
    public void rateLimitedWithoutRetryAfter_fiveSeconds_andALongRetryAfter_isHard() throws Exception {
        chain(OutageCooldown.INSTANCE, failing(new ProviderError(429))).run("p");
        assertThat(health.state("anthropic").until()).contains(Instant.parse("2026-11-29T10:00:05Z"));

        health.resetAll();
        chain(OutageCooldown.INSTANCE, failing(new ProviderError(429, Map.of("retry-after", List.of("3600")))))
                .run("p");
        assertThat(health.state("anthropic").until()).contains(Instant.parse("2026-11-29T10:10:00Z"));
    }

    @Test
    public void quotaAndBilling_coolTenMinutes_forAHardReason() throws Exception {
        chain(OutageCooldown.INSTANCE, failing(new ProviderError(402))).run("p");

        assertThat(health.state("anthropic").until()).contains(Instant.parse("2026-11-29T10:10:00Z"));
        assertThat(health.state("anthropic").reason()).isEqualTo("quota or billing (402 payment required)");
        assertThat(health.registry().cell("anthropic").hard()).isTrue();
    }

    @Test
    public void theCallersFault_neverCools() throws Exception {
        FallbackChain<String, String> chain = chain(OutageCooldown.INSTANCE, failing(new ProviderError(400)));
        for (int i = 0; i < 5; i++) {
            assertThat(catchThrowable(() -> chain.run("p"))).isInstanceOf(ProviderError.class);
        }
        assertThat(health.state("anthropic").status()).isEqualTo(Status.HEALTHY);
        assertThat(anthropicCalls).hasValue(5);
    }

    @Test
    public void timeouts_coolOnlyAfterThreeInARow_andASuccessResetsTheCount() throws Exception {
        AtomicInteger mode = new AtomicInteger();
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                .provider("anthropic", p -> {
                    anthropicCalls.incrementAndGet();
                    if (mode.get() == 1) {
                        return "anthropic";
                    }
                    clock.skip(Duration.ofSeconds(2));
                    return "too late";
                }, Duration.ofSeconds(1))
                .provider("openai", p -> "openai")
                .health(OutageCooldown.INSTANCE).healthRegistry(health).scheduler(clock).build();

        chain.run("p");
        chain.run("p");
        assertThat(health.state("anthropic").status()).isEqualTo(Status.HEALTHY);
        mode.set(1);
        assertThat(chain.run("p")).isEqualTo("anthropic");
        mode.set(0);
        chain.run("p");
        chain.run("p");
        assertThat(health.state("anthropic").status()).as("two timeouts since the success").isEqualTo(Status.HEALTHY);
        chain.run("p");
        assertThat(health.state("anthropic").status()).isEqualTo(Status.COOLING);
        assertThat(health.state("anthropic").reason()).isEqualTo("timeout (TimeoutException)");
    }

    @Test
    public void whileOneCallProbes_theOthersSkip_untilItsLeaseRunsOut() throws Exception {
        List<Outcome> nestedBeforeLease = new ArrayList<>();
        List<Outcome> nestedAfterLease = new ArrayList<>();
        AtomicInteger mode = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<FallbackChain<String, String>> holder =
                new java.util.concurrent.atomic.AtomicReference<>();
        holder.set(FallbackChain.<String, String>builder()
                .provider("anthropic", p -> {
                    anthropicCalls.incrementAndGet();
                    if (mode.get() == 0) {
                        throw new ProviderError(529);
                    }
                    if (mode.getAndSet(2) == 1) {
                        // This call is the probe; a concurrent call (here, nested) must not probe too.
                        holder.get().run("nested");
                        nestedBeforeLease.addAll(FallbackTrace.current().attempts().stream().map(Attempt::outcome).toList());
                        clock.skip(Duration.ofSeconds(31));
                        // The probe is abandoned past its lease (its timeout): another call may probe.
                        holder.get().run("nested");
                        nestedAfterLease.addAll(FallbackTrace.current().attempts().stream().map(Attempt::outcome).toList());
                    }
                    return "anthropic";
                }, Duration.ofSeconds(30))
                .provider("openai", p -> "openai")
                .health(OutageCooldown.INSTANCE).healthRegistry(health).scheduler(clock).build());

        holder.get().run("p");
        clock.skip(Duration.ofSeconds(5));
        mode.set(1);
        holder.get().run("p");

        assertThat(nestedBeforeLease).containsExactly(Outcome.SKIPPED_UNHEALTHY, Outcome.SUCCEEDED);
        assertThat(nestedAfterLease).containsExactly(Outcome.SUCCEEDED);
    }

    @Test
    public void everyLinkUnhealthy_probesTheOneThatRecoversSoonest() throws Exception {
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                .provider("anthropic", p -> {
                    anthropicCalls.incrementAndGet();
                    throw new ProviderError(529);
                })
                .provider("openai", p -> {
                    throw new ProviderError(429, Map.of("retry-after", List.of("3")));
                })
                .health(OutageCooldown.INSTANCE).healthRegistry(health).scheduler(clock).build();
        assertThat(catchThrowable(() -> chain.run("p"))).isInstanceOf(AllProvidersFailedException.class);
        // anthropic cools 5 s, openai 3 s: both cooling; a call one second later still tries openai.
        clock.skip(Duration.ofSeconds(1));

        assertThat(catchThrowable(() -> chain.run("p"))).isInstanceOf(AllProvidersFailedException.class)
                .isNotInstanceOf(AllProvidersUnhealthyException.class);
        assertThat(outcomes()).containsExactly(Outcome.SKIPPED_UNHEALTHY, Outcome.FAILED);
        assertThat(anthropicCalls).hasValue(1);
    }

    @Test
    public void everyLinkForcedOpenOrHard_failsWithRetryAfter() {
        health.forceOpen("anthropic", Duration.ofMinutes(2));
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                .provider("anthropic", p -> "anthropic")
                .provider("openai", p -> {
                    throw new ProviderError(401);
                })
                .skipOn(ProviderFaults.INSTANCE)
                .health(OutageCooldown.INSTANCE).healthRegistry(health).scheduler(clock).build();
        assertThat(catchThrowable(() -> chain.run("p"))).isInstanceOf(AllProvidersFailedException.class);
        assertThat(health.state("openai").status()).as("credentials: a hard reason").isEqualTo(Status.COOLING);

        Throwable thrown = catchThrowable(() -> chain.run("p"));

        assertThat(thrown).isInstanceOf(AllProvidersUnhealthyException.class);
        assertThat(((AllProvidersUnhealthyException) thrown).retryAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(outcomes()).containsExactly(Outcome.SKIPPED_UNHEALTHY, Outcome.SKIPPED_UNHEALTHY);
    }

    @Test
    public void chainsThatNameTheSameProvider_shareItsHealth() throws Exception {
        chain(OutageCooldown.INSTANCE, failing(new ProviderError(529))).run("p");

        FallbackChain<String, String> other = FallbackChain.<String, String>builder()
                .provider("anthropic", p -> "never called")
                .provider("local", p -> "local")
                .health(OutageCooldown.INSTANCE).healthRegistry(health).scheduler(clock).build();

        assertThat(other.run("p")).isEqualTo("local");
        assertThat(outcomes()).containsExactly(Outcome.SKIPPED_UNHEALTHY, Outcome.SUCCEEDED);
    }

    @Test
    public void aLaterCooldownWins_anEarlierOneNeverShortensIt() throws Exception {
        chain(OutageCooldown.INSTANCE, failing(new ProviderError(429, Map.of("retry-after", List.of("30")))))
                .run("p");
        Instant until = health.state("anthropic").until().orElseThrow();

        // A call that started before the cooldown fails with a 529 (5 s): the 30 s stand.
        health.registry().cell("anthropic").failed(OutageCooldown.INSTANCE, new ProviderError(529), true, ProviderCell.RUN,
                clock.nanoTime());

        assertThat(health.state("anthropic").until()).contains(until);
    }

    @Test
    public void noCooldown_neverCools() throws Exception {
        FallbackChain<String, String> chain = chain(NoCooldown.INSTANCE, failing(new ProviderError(529)));
        for (int i = 0; i < 5; i++) {
            chain.run("p");
        }
        assertThat(anthropicCalls).hasValue(5);
        assertThat(health.state("anthropic").status()).isEqualTo(Status.HEALTHY);
    }

    @Test
    public void transitions_canBeObserved_andReasonsNeverHoldThePrompt() throws Exception {
        List<String> seen = new ArrayList<>();
        AtomicInteger mode = new AtomicInteger();
        AutoCloseable listening = health.onTransition(t -> seen.add(t.provider() + " " + t.from() + "->" + t.to()
                + " " + t.reason()));
        try {
            FallbackChain<String, String> chain = chain(OutageCooldown.INSTANCE, () -> {
                if (mode.get() == 0) {
                    throw new ProviderError(529);
                }
                return "anthropic";
            });
            chain.run("p");
            clock.skip(Duration.ofSeconds(5));
            mode.set(1);
            chain.run("p");
        } finally {
            listening.close();
        }
        assertThat(seen).containsExactly("anthropic HEALTHY->COOLING 529 overloaded",
                "anthropic COOLING->PROBING 529 overloaded", "anthropic PROBING->HEALTHY ");
        assertThat(String.join(" ", seen)).doesNotContain(SECRET);
        assertThat(health.state("anthropic").toString()).doesNotContain(SECRET);
    }

    @Test
    public void asyncChains_obeyTheSameRules() throws Exception {
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                .asyncProvider("anthropic", p -> {
                    anthropicCalls.incrementAndGet();
                    return CompletableFuture.failedFuture(new ProviderError(529));
                })
                .provider("openai", p -> "openai")
                .health(OutageCooldown.INSTANCE).healthRegistry(health).scheduler(clock).build();

        assertThat(chain.runAsync("p").get()).isEqualTo("openai");
        CompletableFuture<String> second = chain.runAsync("p");
        assertThat(second.get()).isEqualTo("openai");
        assertThat(FallbackTrace.of(second).attempts()).extracting(Attempt::outcome)
                .containsExactly(Outcome.SKIPPED_UNHEALTHY, Outcome.SUCCEEDED);
        assertThat(anthropicCalls).hasValue(1);
    }

    @Test
    public void perProviderPolicy_overridesTheChainsDefault() throws Exception {
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                .provider("anthropic", p -> {
                    throw new ProviderError(529);
                })
                .provider("openai", p -> "openai")
                .health(NoCooldown.INSTANCE)
                .health("anthropic", OutageCooldown.INSTANCE)
                .healthRegistry(health).scheduler(clock).build();
        chain.run("p");
        assertThat(health.state("anthropic").status()).isEqualTo(Status.COOLING);
        assertThat(catchThrowable(() -> FallbackChain.<String, String>builder().provider("a", p -> p)
                .health("b", OutageCooldown.INSTANCE).build())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no provider");
    }

    @Test
    public void theTimeoutOfAHungPrimary_isPaidOnlyUntilItCools() throws Exception {
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                .provider("anthropic", p -> {
                    anthropicCalls.incrementAndGet();
                    clock.skip(Duration.ofSeconds(10));
                    throw new TimeoutException("never");
                }, Duration.ofSeconds(10))
                .provider("openai", p -> "openai")
                .health(OutageCooldown.INSTANCE).healthRegistry(health).scheduler(clock).build();
        for (int i = 0; i < 10; i++) {
            chain.run("p");
        }
        assertThat(anthropicCalls).as("three timeouts, then skipped while cooling").hasValue(3);
    }

    @Test
    public void aProbeThatTimesOut_coolsAgainAtOnce_theNextStepOfTheBackOff() throws Exception {
        AtomicInteger call = new AtomicInteger();
        FallbackChain<String, String> chain = chain(OutageCooldown.INSTANCE, () -> {
            if (call.incrementAndGet() == 1) {
                throw new ProviderError(529);
            }
            throw new java.net.SocketTimeoutException("read timed out");
        });
        chain.run("p");
        clock.skip(Duration.ofSeconds(5));

        assertThat(chain.run("p")).isEqualTo("openai");
        assertThat(health.state("anthropic").status()).as("an overloaded provider that began to hang")
                .isEqualTo(Status.COOLING);
        assertThat(health.state("anthropic").until()).as("the fault's 10 s, doubled once")
                .contains(Instant.parse("2026-11-29T10:00:20Z"));
        assertThat(anthropicCalls).hasValue(2);
    }

    @Test
    public void callsInFlightWhenItCooled_failingLater_doNotTakeTheBackOffAStepFurther() {
        ProviderCell cell = health.registry().cell("anthropic");
        for (int i = 0; i < 3; i++) {
            cell.failed(OutageCooldown.INSTANCE, new java.net.SocketTimeoutException("read timed out"), true, ProviderCell.RUN,
                    clock.nanoTime());
        }
        assertThat(health.state("anthropic").until()).contains(Instant.parse("2026-11-29T10:00:10Z"));

        clock.skip(Duration.ofSeconds(1));
        cell.failed(OutageCooldown.INSTANCE, new java.net.SocketTimeoutException("read timed out"), true, ProviderCell.RUN,
                clock.nanoTime());

        assertThat(health.state("anthropic").until()).as("10 s from the later failure, not the next step's 20 s")
                .contains(Instant.parse("2026-11-29T10:00:10Z"));
        assertThat(health.state("anthropic").reason()).isEqualTo("timeout (SocketTimeoutException)");
    }
}
