package dev.llmfallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmfallback.internal.health.HealthRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link FallbackListener} through the programmatic chain (SPEC §11): the exact sequence of calls for each way a
 * chain ends, scopes active on the thread that runs the provider (the caller's, a timed attempt's worker, an
 * async run's), process-wide registration, health transitions, and that a throwing listener changes nothing.
 */
class FallbackListenerTest {

    private final RecordingListener listener = new RecordingListener();
    private final FakeScheduler clock = new FakeScheduler();

    private FallbackChain.Builder<String, String> builder() {
        return FallbackChain.<String, String>builder().name("summarize").listener(listener).scheduler(clock);
    }

    @Test
    void happyCall_startsAndEndsOneAttempt_withItsScopeActiveOnTheCallersThread() throws Exception {
        AtomicReference<String> active = new AtomicReference<>();
        FallbackChain<String, String> chain = builder()
                .provider("anthropic", p -> {
                    active.set(RecordingListener.ACTIVE.get());
                    return "a";
                })
                .provider("openai", p -> "o").build();

        assertThat(chain.run("prompt")).isEqualTo("a");

        assertThat(active.get()).isEqualTo("summarize#0");
        assertThat(RecordingListener.ACTIVE.get()).isNull();
        assertThat(listener.events()).containsExactly(
                "chainStarted summarize [anthropic, openai]",
                "attemptStarted call:summarize 0 anthropic",
                "attemptEnded call:summarize 0 anthropic SUCCEEDED",
                "scopeClosed 0",
                "chainEnded call:summarize anthropic answered");
    }

    @Test
    void fallOver_seesTheFailedAttemptThenTheAnswer() throws Exception {
        FallbackChain<String, String> chain = builder()
                .provider("anthropic", p -> {
                    throw new StatusFailure(529);
                })
                .provider("openai", p -> "o").build();

        assertThat(chain.run("prompt")).isEqualTo("o");

        assertThat(listener.events()).containsExactly(
                "chainStarted summarize [anthropic, openai]",
                "attemptStarted call:summarize 0 anthropic",
                "attemptEnded call:summarize 0 anthropic FAILED StatusFailure",
                "scopeClosed 0",
                "attemptStarted call:summarize 1 openai",
                "attemptEnded call:summarize 1 openai SUCCEEDED",
                "scopeClosed 1",
                "chainEnded call:summarize openai answered");
    }

    @Test
    void stop_andAllFailed_endTheChainWithWhatItThrew() {
        FallbackChain<String, String> stopping = builder()
                .provider("anthropic", p -> {
                    throw new StatusFailure(400);
                })
                .provider("openai", p -> "o").build();
        assertThat(catchThrowable(() -> stopping.run("prompt"))).isInstanceOf(StatusFailure.class);
        assertThat(listener.events()).endsWith(
                "attemptEnded call:summarize 0 anthropic STOPPED StatusFailure",
                "scopeClosed 0",
                "chainEnded call:summarize - StatusFailure");

        RecordingListener second = new RecordingListener();
        FallbackChain<String, String> failing = FallbackChain.<String, String>builder().listener(second)
                .provider("anthropic", p -> {
                    throw new StatusFailure(503);
                })
                .provider("openai", p -> {
                    throw new StatusFailure(429);
                }).build();
        assertThat(catchThrowable(() -> failing.run("prompt"))).isInstanceOf(AllProvidersFailedException.class);
        assertThat(second.events()).containsExactly(
                "chainStarted anthropic [anthropic, openai]",
                "attemptStarted call:anthropic 0 anthropic",
                "attemptEnded call:anthropic 0 anthropic FAILED StatusFailure",
                "scopeClosed 0",
                "attemptStarted call:anthropic 1 openai",
                "attemptEnded call:anthropic 1 openai FAILED StatusFailure",
                "scopeClosed 1",
                "chainEnded call:anthropic - AllProvidersFailedException");
    }

    @Test
    void timedOutAttempt_isSeenAsTimedOut() throws Exception {
        FallbackChain<String, String> chain = builder()
                .provider("anthropic", p -> {
                    clock.skip(Duration.ofSeconds(3));
                    return "too late";
                }, Duration.ofSeconds(2))
                .provider("openai", p -> "o").build();

        assertThat(chain.run("prompt")).isEqualTo("o");

        assertThat(listener.events()).contains(
                "attemptEnded call:summarize 0 anthropic TIMED_OUT TimeoutException",
                "chainEnded call:summarize openai answered");
    }

    @Test
    void skippedUnhealthyLink_endsWithoutStarting() throws Exception {
        ProviderHealth health = new ProviderHealth(new HealthRegistry(clock::nanoTime,
                Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC)));
        FallbackChain<String, String> chain = builder()
                .provider("anthropic", p -> {
                    throw new StatusFailure(529);
                })
                .provider("openai", p -> "o")
                .health(OutageCooldown.INSTANCE).healthRegistry(health).build();
        chain.run("prompt");
        RecordingListener later = new RecordingListener();
        FallbackChain<String, String> same = FallbackChain.<String, String>builder().name("summarize")
                .listener(later).scheduler(clock)
                .provider("anthropic", p -> "a")
                .provider("openai", p -> "o")
                .health(OutageCooldown.INSTANCE).healthRegistry(health).build();

        assertThat(same.run("prompt")).isEqualTo("o");

        assertThat(later.events()).containsExactly(
                "chainStarted summarize [anthropic, openai]",
                "attemptEnded call:summarize 0 anthropic SKIPPED_UNHEALTHY",
                "attemptStarted call:summarize 1 openai",
                "attemptEnded call:summarize 1 openai SUCCEEDED",
                "scopeClosed 1",
                "chainEnded call:summarize openai answered");
    }

    @Test
    void timedAttemptOnAWorker_hasItsScopeActiveThere() throws Exception {
        AtomicReference<String> active = new AtomicReference<>();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder().name("summarize")
                .listener(listener)
                .provider("anthropic", p -> {
                    ranOn.set(Thread.currentThread());
                    active.set(RecordingListener.ACTIVE.get());
                    return "a";
                }, Duration.ofSeconds(30)).build();

        assertThat(chain.run("prompt")).isEqualTo("a");

        assertThat(ranOn.get()).isNotSameAs(Thread.currentThread());
        assertThat(active.get()).isEqualTo("summarize#0");
        assertThat(listener.events()).endsWith("chainEnded call:summarize anthropic answered");
    }

    @Test
    void asyncRun_activatesScopesOnItsWorkers_andEndsBeforeItsFutureCompletes() {
        AtomicReference<String> active = new AtomicReference<>();
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder().name("summarize")
                .listener(listener)
                .provider("anthropic", p -> {
                    throw new StatusFailure(503);
                })
                .asyncProvider("openai", p -> {
                    active.set(RecordingListener.ACTIVE.get());
                    return CompletableFuture.completedFuture("o");
                }).build();

        CompletableFuture<String> answer = chain.runAsync("prompt");

        assertThat(answer.join()).isEqualTo("o");
        assertThat(active.get()).isEqualTo("summarize#1");
        assertThat(listener.events()).containsExactly(
                "chainStarted summarize [anthropic, openai]",
                "attemptStarted call:summarize 0 anthropic",
                "attemptEnded call:summarize 0 anthropic FAILED StatusFailure",
                "scopeClosed 0",
                "attemptStarted call:summarize 1 openai",
                "attemptEnded call:summarize 1 openai SUCCEEDED",
                "scopeClosed 1",
                "chainEnded call:summarize openai answered");
    }

    @Test
    void cancelledAsyncRun_endsOnceWithTheCancellation() {
        CompletableFuture<String> never = new CompletableFuture<>();
        FallbackChain<String, String> chain = builder().asyncProvider("anthropic", p -> never).build();

        CompletableFuture<String> answer = chain.runAsync("prompt");
        answer.cancel(true);

        assertThat(listener.events()).containsExactly(
                "chainStarted summarize [anthropic]",
                "attemptStarted call:summarize 0 anthropic",
                "attemptEnded call:summarize 0 anthropic STOPPED CancellationException",
                "scopeClosed 0",
                "chainEnded call:summarize - CancellationException");
    }

    @Test
    void throwingListener_changesNoOutcome_andOthersStillSeeEverything() throws Exception {
        FallbackListener<Object> broken = new FallbackListener<>() {
            @Override
            public Object chainStarted(ChainInfo chain) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public AttemptScope attemptStarted(Object call, ChainInfo chain, int index, String provider) {
                return () -> {
                    throw new IllegalStateException("activation bug");
                };
            }

            @Override
            public void attemptEnded(Object call, ChainInfo chain, Attempt attempt) {
                throw new OutOfMemoryError("pretend");
            }

            @Override
            public void chainEnded(Object call, ChainInfo chain, Attempt last, long elapsedNanos, Throwable failure) {
                throw new IllegalStateException("listener bug");
            }
        };
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder().name("summarize")
                .listener(broken).listener(listener)
                .provider("anthropic", p -> {
                    throw new StatusFailure(503);
                })
                .provider("openai", p -> "o").build();

        assertThat(chain.run("prompt")).isEqualTo("o");
        assertThat(chain.run("prompt")).isEqualTo("o");

        assertThat(FallbackTrace.current().winner()).map(Attempt::provider).contains("openai");
        assertThat(listener.events()).hasSize(16).endsWith("chainEnded call:summarize openai answered");
    }

    @Test
    void processWideListener_seesAnnotatedAndProgrammaticChains_untilClosed_andHealthTransitions() throws Exception {
        RecordingListener global = new RecordingListener();
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                .provider("solo", p -> "s").build();
        FallbackListener.Registration registration = FallbackListener.register(global);
        chain.run("prompt");
        ProviderHealth.shared().forceOpen("listener-test-provider", Duration.ofMinutes(1));
        ProviderHealth.shared().reset("listener-test-provider");
        registration.close();
        registration.close();
        chain.run("prompt");

        assertThat(global.events()).containsExactly(
                "chainStarted solo [solo]",
                "attemptStarted call:solo 0 solo",
                "attemptEnded call:solo 0 solo SUCCEEDED",
                "scopeClosed 0",
                "chainEnded call:solo solo answered",
                "transition listener-test-provider HEALTHY->FORCED_OPEN",
                "transition listener-test-provider FORCED_OPEN->HEALTHY");
    }

    @Test
    void noListener_noObservation() throws Exception {
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                .provider("solo", p -> "s").build();
        assertThat(chain.run("prompt")).isEqualTo("s");
        assertThat(List.of(listener.events())).containsExactly(List.of());
    }

    @Test
    void blankName_isRejectedWithTheFix() {
        assertThat(catchThrowable(() -> FallbackChain.builder().name(" ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FallbackChain.Builder.name");
    }
}
