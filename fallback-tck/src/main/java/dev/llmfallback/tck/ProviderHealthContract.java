package dev.llmfallback.tck;

import static dev.llmfallback.tck.Script.Behaviour.answer;
import static dev.llmfallback.tck.Script.Behaviour.fail;
import static dev.llmfallback.tck.Script.Behaviour.inTurn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmfallback.AllProvidersFailedException;
import dev.llmfallback.AllProvidersUnhealthyException;
import dev.llmfallback.Attempt;
import dev.llmfallback.Attempt.Outcome;
import dev.llmfallback.ProviderHealth;
import dev.llmfallback.ProviderHealth.State;
import dev.llmfallback.ProviderHealth.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SPEC §9, provider health, as every front door must show it: the chains of {@link FrontDoor#healthThree} and
 * its siblings (every link {@code health = OutageCooldown}) on the process-wide registry, put on a fake clock
 * ({@link HealthClock}) so that cooldowns, Retry-After and leases pass when a test says so. No test sleeps; the
 * timeouts that count as failures are the chains' own 150 ms.
 */
public abstract class ProviderHealthContract extends BehaviourContract {

    private HealthClock clock;
    private final ExecutorService otherCaller = Executors.newSingleThreadExecutor();

    @BeforeEach
    public void fakeHealthClock() {
        clock = HealthClock.install();
    }

    @AfterEach
    public void systemHealthClock() {
        otherCaller.shutdownNow();
        clock.close();
    }

    private static State state(String provider) {
        return ProviderHealth.shared().state(provider);
    }

    private List<Outcome> outcomes() {
        return door().lastTrace().attempts().stream().map(Attempt::outcome).collect(Collectors.toList());
    }

    private static long calls(Script script, int provider) {
        return script.calledProviders().stream().filter(p -> p == provider).count();
    }

    private static RetryAfterException rateLimited(String retryAfter) {
        return new RetryAfterException(429, retryAfter, "HTTP 429 for request " + SECRET);
    }

    @Test
    public void overloaded_coolsFiveSeconds_skippedMeanwhile_thenOneProbeHeals() throws Exception {
        Script script = Script.of(inTurn(fail(status(529)), answer("from anthropic")), answer("from openai"),
                answer("from local"));

        assertThat(door().healthThree(script, PROMPT)).isEqualTo("from openai");
        assertThat(state("anthropic").status()).isEqualTo(Status.COOLING);
        assertThat(state("anthropic").until()).contains(clock.now().plusSeconds(5));

        clock.advance(Duration.ofMillis(4_999));
        assertThat(door().healthThree(script, PROMPT)).isEqualTo("from openai");
        assertThat(outcomes()).containsExactly(Outcome.SKIPPED_UNHEALTHY, Outcome.SUCCEEDED);
        assertThat(door().lastTrace().attempts().get(0).duration()).isZero();
        assertThat(door().lastTrace().toString()).contains("anthropic SKIPPED_UNHEALTHY (529 ");
        assertThat(calls(script, 0)).isEqualTo(1);

        clock.advance(Duration.ofMillis(1));
        assertThat(door().healthThree(script, PROMPT)).as("one probe, which answers").isEqualTo("from anthropic");
        assertThat(state("anthropic").status()).isEqualTo(Status.HEALTHY);
        assertThat(calls(script, 0)).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0} -> cools {1} s")
    @CsvSource({
        "529, 5",
        "503, 5",
        "429, 5",
        "429 retry-after 2, 2",
        "429 retry-after 0, 1",
        "429 retry-after 120, 600",
    })
    public void eachSignal_coolsForItsTime_andRetryAfterIsRespected(String signal, long seconds) throws Exception {
        RuntimeException failure = signal.contains("retry-after")
                ? rateLimited(signal.substring(signal.lastIndexOf(' ') + 1))
                : status(Integer.parseInt(signal));
        Script script = Script.of(inTurn(fail(failure), answer("from anthropic")), answer("from openai"),
                answer("from local"));

        assertThat(door().healthThree(script, PROMPT)).isEqualTo("from openai");
        assertThat(state("anthropic").until()).contains(clock.now().plusSeconds(seconds));

        clock.advance(Duration.ofSeconds(seconds).minusMillis(1));
        assertThat(door().healthThree(script, PROMPT)).isEqualTo("from openai");
        assertThat(calls(script, 0)).as("not called again before its time").isEqualTo(1);

        clock.advance(Duration.ofMillis(1));
        assertThat(door().healthThree(script, PROMPT)).isEqualTo("from anthropic");
    }

    @Test
    public void serverErrors_coolOnlyAfterThreeInARow_andASuccessResetsTheCount() throws Exception {
        Script script = Script.of(inTurn(fail(status(500)), fail(status(502)), answer("from anthropic"),
                fail(status(500)), fail(status(504)), fail(status(500))), answer("from openai"), answer("from local"));

        door().healthThree(script, PROMPT);
        door().healthThree(script, PROMPT);
        assertThat(door().healthThree(script, PROMPT)).isEqualTo("from anthropic");
        door().healthThree(script, PROMPT);
        door().healthThree(script, PROMPT);
        assertThat(state("anthropic").status()).as("two in a row since the success").isEqualTo(Status.HEALTHY);
        assertThat(calls(script, 0)).isEqualTo(5);

        door().healthThree(script, PROMPT);
        assertThat(state("anthropic").status()).isEqualTo(Status.COOLING);
        assertThat(state("anthropic").until()).contains(clock.now().plusSeconds(10));
    }

    @Test
    public void timeoutsOfATimedAttempt_countAsFailuresOfThatProvider() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Script script = Script.of(prompt -> {
            never.await();
            return "never";
        }, answer("from openai"), answer("from local"));

        try {
            for (int i = 0; i < 3; i++) {
                assertThat(door().healthTimedThree(script, PROMPT)).isEqualTo("from openai");
                assertThat(outcomes().get(0)).isEqualTo(Outcome.TIMED_OUT);
            }
        } finally {
            never.countDown();
        }
        assertThat(state("anthropic").status()).isEqualTo(Status.COOLING);
        assertThat(state("anthropic").reason()).isEqualTo("timeout (TimeoutException)");

        assertThat(door().healthTimedThree(script, PROMPT)).isEqualTo("from openai");
        assertThat(outcomes()).as("the hang is no longer paid").containsExactly(Outcome.SKIPPED_UNHEALTHY,
                Outcome.SUCCEEDED);
        assertThat(calls(script, 0)).isEqualTo(3);
    }

    @Test
    public void aFailedProbe_coolsAgain_doubling_andASucceededOneResetsTheBackOff() throws Exception {
        Script script = Script.of(inTurn(fail(status(529)), fail(status(529)), fail(status(529)),
                answer("from anthropic"), fail(status(529))), answer("from openai"), answer("from local"));

        door().healthThree(script, PROMPT);
        assertThat(state("anthropic").until()).contains(clock.now().plusSeconds(5));
        clock.advance(Duration.ofSeconds(5));
        door().healthThree(script, PROMPT);
        assertThat(state("anthropic").until()).contains(clock.now().plusSeconds(10));
        clock.advance(Duration.ofSeconds(10));
        door().healthThree(script, PROMPT);
        assertThat(state("anthropic").until()).contains(clock.now().plusSeconds(20));
        clock.advance(Duration.ofSeconds(20));
        assertThat(door().healthThree(script, PROMPT)).isEqualTo("from anthropic");
        door().healthThree(script, PROMPT);
        assertThat(state("anthropic").until()).as("back to the first step").contains(clock.now().plusSeconds(5));
        assertThat(calls(script, 0)).as("only the probes reached it while it cooled").isEqualTo(5);
    }

    @Test
    public void whileOneCallProbes_everyOtherCallSkips_untilTheProbesLeaseRunsOut() throws Exception {
        Script.Hang probe = new Script.Hang();
        Script script = Script.of(inTurn(fail(status(529)), Script.Behaviour.hangIgnoringInterrupts(probe, "late"),
                answer("from anthropic")), answer("from openai"), answer("from local"));
        door().healthThree(script, PROMPT);
        clock.advance(Duration.ofSeconds(5));

        Future<String> probing = otherCaller.submit(() -> door().healthThree(script, PROMPT));
        assertThat(probe.entered.await(AWAIT_S, TimeUnit.SECONDS)).as("the probe started").isTrue();
        assertThat(state("anthropic").status()).isEqualTo(Status.PROBING);
        for (int i = 0; i < 5; i++) {
            assertThat(door().healthThree(script, PROMPT)).isEqualTo("from openai");
            assertThat(outcomes()).containsExactly(Outcome.SKIPPED_UNHEALTHY, Outcome.SUCCEEDED);
            assertThat(door().lastTrace().summary(0)).hasValue("529 overloaded, another call is probing it");
        }
        assertThat(calls(script, 0)).as("exactly one probe").isEqualTo(2);

        // No timeout on the link: the lease is 60 s, after which an interrupt-deaf probe no longer holds it.
        clock.advance(Duration.ofSeconds(60));
        assertThat(door().healthThree(script, PROMPT)).isEqualTo("from anthropic");
        assertThat(state("anthropic").status()).isEqualTo(Status.HEALTHY);

        probe.release();
        assertThat(probing.get(AWAIT_S, TimeUnit.SECONDS)).isEqualTo("late");
    }

    @Test
    public void reCooling_keepsTheLaterDeadline() throws Exception {
        Script.Hang inFlight = new Script.Hang();
        Script.Behaviour slowOverload = prompt -> {
            inFlight.entered.countDown();
            inFlight.release.await();
            throw status(529);
        };
        Script script = Script.of(inTurn(slowOverload, fail(rateLimited("30"))), answer("from openai"),
                answer("from local"));

        Future<String> first = otherCaller.submit(() -> door().healthThree(script, PROMPT));
        assertThat(inFlight.entered.await(AWAIT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(door().healthThree(script, PROMPT)).isEqualTo("from openai");
        assertThat(state("anthropic").until()).contains(clock.now().plusSeconds(30));

        inFlight.release();
        assertThat(first.get(AWAIT_S, TimeUnit.SECONDS)).isEqualTo("from openai");
        assertThat(state("anthropic").until()).as("a 529's 5 s never shortens a 30 s Retry-After")
                .contains(clock.now().plusSeconds(30));
    }

    @Test
    public void everyLinkUnhealthy_probesTheOneThatRecoversSoonest() throws Exception {
        Script script = Script.of(fail(rateLimited("30")), inTurn(fail(rateLimited("10")), answer("from openai")),
                fail(rateLimited("20")));
        assertThat(catchThrowable(() -> door().healthThree(script, PROMPT)))
                .isInstanceOf(AllProvidersFailedException.class);

        clock.advance(Duration.ofSeconds(1));
        assertThat(door().healthThree(script, PROMPT)).isEqualTo("from openai");
        assertThat(outcomes()).containsExactly(Outcome.SKIPPED_UNHEALTHY, Outcome.SUCCEEDED);
        assertThat(script.calledProviders()).containsExactly(0, 1, 2, 1);
    }

    @Test
    public void everyLinkHardCoolingOrForcedOpen_failsWithRetryAfter_callingNoOne() {
        Script script = Script.of(fail(rateLimited("120")), fail(rateLimited("300")), answer("from local"));
        ProviderHealth.shared().forceOpen("local", Duration.ofMinutes(15));
        assertThat(catchThrowable(() -> door().healthThree(script, PROMPT)))
                .isInstanceOf(AllProvidersFailedException.class);
        assertThat(state("anthropic").status()).isEqualTo(Status.COOLING);

        clock.advance(Duration.ofMinutes(1));
        Throwable thrown = catchThrowable(() -> door().healthThree(script, PROMPT));

        assertThat(thrown).isInstanceOf(AllProvidersUnhealthyException.class);
        assertThat(((AllProvidersUnhealthyException) thrown).retryAfter()).isEqualTo(Duration.ofMinutes(9));
        assertThat(outcomes()).containsOnly(Outcome.SKIPPED_UNHEALTHY).hasSize(3);
        assertThat(script.calledProviders()).as("the second call reached no one").containsExactly(0, 1);
        assertThat(thrown.getMessage()).as("says why each was skipped").doesNotContain(SECRET)
                .contains("anthropic (skipped: 429 rate limited, retry-after 120 s, 540 s left)")
                .contains("local (skipped: forced open, 840 s left)");
    }

    @Test
    public void chainsThatNameTheSameProvider_shareItsHealth() throws Exception {
        Script script = Script.of(fail(status(529)), answer("from openai"), answer("from local"));
        door().healthThree(script, PROMPT);

        assertThat(door().healthOtherChain(script, PROMPT)).isEqualTo("from local");
        assertThat(outcomes()).containsExactly(Outcome.SKIPPED_UNHEALTHY, Outcome.SUCCEEDED);
        assertThat(calls(script, 0)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} never cools")
    @CsvSource({"400", "413", "422"})
    public void theCallersFault_stopsTheChain_andNeverCools(int code) {
        Script script = Script.of(fail(status(code)), answer("from openai"), answer("from local"));

        for (int i = 0; i < 5; i++) {
            assertThat(catchThrowable(() -> door().healthThree(script, PROMPT))).isInstanceOf(ProviderException.class);
        }
        assertThat(state("anthropic").status()).isEqualTo(Status.HEALTHY);
        assertThat(script.calledProviders()).containsOnly(0).hasSize(5);
    }

    @Test
    public void reasons_transitionsAndTraces_neverHoldThePrompt() throws Exception {
        List<ProviderHealth.Transition> seen = new CopyOnWriteArrayList<>();
        Script script = Script.of(fail(status(529)), fail(rateLimited("2")), answer("from local"));
        AutoCloseable listening = ProviderHealth.shared().onTransition(seen::add);
        try {
            door().healthThree(script, PROMPT);
            door().healthThree(script, PROMPT);
        } finally {
            listening.close();
        }

        assertThat(seen).extracting(t -> t.provider() + " " + t.from() + "->" + t.to())
                .containsExactly("anthropic HEALTHY->COOLING", "openai HEALTHY->COOLING");
        assertThat(seen.toString()).doesNotContain(SECRET);
        assertThat(state("anthropic").toString()).doesNotContain(SECRET);
        assertThat(state("openai").toString()).doesNotContain(SECRET);
        assertThat(door().lastTrace().toString()).contains("SKIPPED_UNHEALTHY").doesNotContain(SECRET);
    }

    @Test
    public void aSuccessOfACallFromBeforeTheCooldown_doesNotEndARetryAfter() throws Exception {
        Script.Hang inFlight = new Script.Hang();
        Script.Behaviour slowAnswer = prompt -> {
            inFlight.entered.countDown();
            inFlight.release.await();
            return "late anthropic";
        };
        Script script = Script.of(inTurn(slowAnswer, fail(rateLimited("30"))), answer("from openai"),
                answer("from local"));
        Future<String> first = otherCaller.submit(() -> door().healthThree(script, PROMPT));
        assertThat(inFlight.entered.await(AWAIT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(door().healthThree(script, PROMPT)).isEqualTo("from openai");

        inFlight.release();
        assertThat(first.get(AWAIT_S, TimeUnit.SECONDS)).isEqualTo("late anthropic");

        assertThat(state("anthropic").status()).as("the provider asked for 30 s").isEqualTo(Status.COOLING);
        assertThat(state("anthropic").until()).contains(clock.now().plusSeconds(30));
        assertThat(door().healthThree(script, PROMPT)).isEqualTo("from openai");
        assertThat(outcomes()).containsExactly(Outcome.SKIPPED_UNHEALTHY, Outcome.SUCCEEDED);
    }

    @Test
    public void aFailureOfACallFromBeforeTheProbe_leavesTheProbeAlone() throws Exception {
        Script.Hang old = new Script.Hang();
        Script.Hang probe = new Script.Hang();
        Script.Behaviour oldCall = prompt -> {
            old.entered.countDown();
            old.release.await();
            throw status(500);
        };
        Script.Behaviour probing = prompt -> {
            probe.entered.countDown();
            probe.release.await();
            return "from anthropic";
        };
        Script script = Script.of(inTurn(oldCall, fail(status(529)), probing), answer("from openai"),
                answer("from local"));
        ExecutorService thirdCaller = Executors.newSingleThreadExecutor();
        try {
            Future<String> first = otherCaller.submit(() -> door().healthThree(script, PROMPT));
            assertThat(old.entered.await(AWAIT_S, TimeUnit.SECONDS)).isTrue();
            assertThat(door().healthThree(script, PROMPT)).isEqualTo("from openai");
            clock.advance(Duration.ofSeconds(5));
            Future<String> probeCall = thirdCaller.submit(() -> door().healthThree(script, PROMPT));
            assertThat(probe.entered.await(AWAIT_S, TimeUnit.SECONDS)).isTrue();

            old.release();
            assertThat(first.get(AWAIT_S, TimeUnit.SECONDS)).isEqualTo("from openai");
            assertThat(state("anthropic").status()).as("the old call's 500 is not the probe's answer")
                    .isEqualTo(Status.PROBING);

            probe.release();
            assertThat(probeCall.get(AWAIT_S, TimeUnit.SECONDS)).isEqualTo("from anthropic");
            assertThat(state("anthropic").status()).isEqualTo(Status.HEALTHY);
        } finally {
            old.release();
            probe.release();
            thirdCaller.shutdownNow();
        }
    }

    @Test
    public void theCallersFault_breaksAStreakOfFaults() throws Exception {
        Script script = Script.of(inTurn(fail(status(500)), fail(status(400)), fail(status(500)), fail(status(500)),
                fail(status(500))), answer("from openai"), answer("from local"));

        door().healthThree(script, PROMPT);
        catchThrowable(() -> door().healthThree(script, PROMPT));
        door().healthThree(script, PROMPT);
        door().healthThree(script, PROMPT);
        assertThat(state("anthropic").status()).as("500, 400, 500, 500: not three faults in a row")
                .isEqualTo(Status.HEALTHY);

        door().healthThree(script, PROMPT);
        assertThat(state("anthropic").status()).isEqualTo(Status.COOLING);
    }

    @Test
    public void aProbeWhoseCallerGaveUp_freesTheSlotAtOnce() throws Exception {
        Script.Hang probe = new Script.Hang();
        Script script = Script.of(inTurn(fail(status(529)), Script.Behaviour.hangInterruptibly(probe, "never"),
                answer("from anthropic")), answer("from openai"), answer("from local"));
        door().healthThree(script, PROMPT);
        clock.advance(Duration.ofSeconds(5));
        Future<String> probing = otherCaller.submit(() -> door().healthThree(script, PROMPT));
        assertThat(probe.entered.await(AWAIT_S, TimeUnit.SECONDS)).isTrue();

        probing.cancel(true);
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_S);
        while (state("anthropic").status() == Status.PROBING && System.nanoTime() - giveUp < 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }

        assertThat(door().healthThree(script, PROMPT)).as("no 60 s lease to wait out").isEqualTo("from anthropic");
        assertThat(state("anthropic").status()).isEqualTo(Status.HEALTHY);
    }
}
