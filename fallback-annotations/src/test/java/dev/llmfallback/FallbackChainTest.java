package dev.llmfallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmfallback.Attempt.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What the behaviour suite does not cover: the builder, values, and per-thread trace details. */
class FallbackChainTest {

    @Test
    public void build_withoutProviders_isRejectedWithTheFix() {
        assertThatThrownBy(() -> FallbackChain.<String, String>builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one provider").hasMessageContaining("provider(name, provider)");
    }

    @Test
    public void blankName_isRejected() {
        assertThatThrownBy(() -> FallbackChain.<String, String>builder().provider(" ", p -> p))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank name");
    }

    @Test
    public void nullArguments_areRejected() {
        assertThatThrownBy(() -> FallbackChain.<String, String>builder().provider(null, p -> p))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> FallbackChain.<String, String>builder().provider("a", null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> FallbackChain.<String, String>builder().skipOn(null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    public void names_inOrder() {
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                .provider("anthropic", p -> p).provider("openai", p -> p).build();

        assertThat(chain.names()).containsExactly("anthropic", "openai");
        assertThat(chain).hasToString("FallbackChain[anthropic, openai]");
    }

    @Test
    public void builderChangesAfterBuild_doNotAffectTheChain() throws Exception {
        FallbackChain.Builder<String, String> builder = FallbackChain.<String, String>builder()
                .provider("first", p -> {
                    throw new IllegalStateException("unclassified");
                })
                .provider("second", p -> "second");
        FallbackChain<String, String> stopsOnUnclassified = builder.build();
        FallbackChain<String, String> movesOnForAll = builder.skipOn(Always.INSTANCE).provider("third", p -> "3").build();

        assertThatThrownBy(() -> stopsOnUnclassified.run("x")).isInstanceOf(IllegalStateException.class);
        assertThat(stopsOnUnclassified.names()).containsExactly("first", "second");
        assertThat(movesOnForAll.run("x")).isEqualTo("second");
    }

    @Test
    public void perProviderPredicate_overridesTheChainDefault() throws Exception {
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                .provider("anthropic", p -> {
                    throw new StatusFailure(503);
                }, RateLimited.INSTANCE)
                .provider("openai", p -> "openai")
                .build();

        assertThatThrownBy(() -> chain.run("x")).isInstanceOf(StatusFailure.class);
    }

    @Test
    public void onlyProviderFails_messageSaysSo() {
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                .provider("local", p -> {
                    throw new StatusFailure(503);
                }).build();

        assertThatThrownBy(() -> chain.run("x")).isInstanceOf(AllProvidersFailedException.class)
                .hasMessage("the only provider failed: local (503 unavailable)");
    }

    @Test
    public void currentTrace_onAThreadThatRanNoChain_isEmpty() throws Exception {
        AtomicReference<FallbackTrace> seen = new AtomicReference<>();
        Thread thread = new Thread(() -> seen.set(FallbackTrace.current()));
        thread.start();
        thread.join();

        assertThat(seen.get()).isSameAs(FallbackTrace.empty());
        assertThat(seen.get().attempts()).isEmpty();
        assertThat(seen.get().lastAttempt()).isEmpty();
        assertThat(seen.get().succeeded()).isFalse();
        assertThat(seen.get()).hasToString("FallbackTrace[no attempts]");
    }

    @Test
    public void traceOfAnotherThread_neverShowsUp() throws Exception {
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder().provider("a", p -> p).build();
        chain.run("here");
        FallbackTrace mine = FallbackTrace.current();
        Thread other = new Thread(() -> {
            try {
                FallbackChain.<String, String>builder().provider("b", p -> {
                    throw new StatusFailure(503);
                }).provider("c", p -> p).build().run("there");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        other.start();
        other.join();

        assertThat(FallbackTrace.current().attempts()).isEqualTo(mine.attempts());
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::provider).containsExactly("a");
    }

    @Test
    public void snapshotTakenMidChain_neverChangesAfterwards() throws Exception {
        AtomicReference<FallbackTrace> midway = new AtomicReference<>();
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                .provider("a", p -> {
                    throw new StatusFailure(503);
                })
                .provider("b", p -> {
                    midway.set(FallbackTrace.current());
                    throw new StatusFailure(502);
                })
                .provider("c", p -> "c").build();

        chain.run("x");

        assertThat(midway.get().attempts()).extracting(Attempt::outcome).containsExactly(Outcome.FAILED);
        assertThat(midway.get().attempts()).isUnmodifiable();
        assertThat(FallbackTrace.current().attempts()).hasSize(3);
    }

    @Test
    public void attempt_rejectsInconsistentValues() {
        assertThatThrownBy(() -> new Attempt(-1, "a", "a", Outcome.SUCCEEDED, null, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Attempt(0, "a", "a", Outcome.SUCCEEDED, new RuntimeException(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Attempt(0, "a", "a", Outcome.FAILED, null, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void attemptToString_showsStatusNotMessage() {
        Attempt attempt = new Attempt(1, "openai", "Summarizer.callOpenAi", Outcome.FAILED,
                new IllegalStateException("prompt text here"), Duration.ofMillis(12));

        assertThat(attempt).hasToString("#1 openai (Summarizer.callOpenAi) FAILED IllegalStateException in 12 ms");
    }

    @Test
    public void allProvidersFailed_needsAttempts() {
        assertThatThrownBy(() -> new AllProvidersFailedException(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static FallbackChain<String, String> pendingThenAnswer(java.util.concurrent.CompletableFuture<String> inFlight,
            java.util.concurrent.atomic.AtomicInteger secondCalls) {
        return FallbackChain.<String, String>builder()
                .asyncProvider("first", p -> inFlight)
                .provider("second", p -> {
                    secondCalls.incrementAndGet();
                    return "second";
                })
                .build();
    }

    @Test
    public void async_completedByTheCaller_stopsTheAttemptInFlight_andStartsNoOther() throws Exception {
        java.util.concurrent.CompletableFuture<String> inFlight = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.atomic.AtomicInteger secondCalls = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CompletableFuture<String> answer = pendingThenAnswer(inFlight, secondCalls).runAsync("x");

        assertThat(answer.complete("the caller's own")).isTrue();

        assertThat(inFlight.isCancelled()).isTrue();
        assertThat(answer.join()).isEqualTo("the caller's own");
        assertThat(FallbackTrace.of(answer).attempts()).extracting(Attempt::outcome).containsExactly(Outcome.STOPPED);
        assertThat(inFlight.complete("late")).isFalse();
        assertThat(secondCalls.get()).isZero();
    }

    @Test
    public void async_orTimeoutOfTheCaller_stopsTheAttemptInFlight() throws Exception {
        java.util.concurrent.CompletableFuture<String> inFlight = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.atomic.AtomicInteger secondCalls = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CompletableFuture<String> answer = pendingThenAnswer(inFlight, secondCalls).runAsync("x")
                .orTimeout(20, java.util.concurrent.TimeUnit.MILLISECONDS);

        assertThatThrownBy(answer::join).hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
        assertThat(inFlight.isCancelled()).isTrue();
        assertThat(FallbackTrace.of(answer).attempts()).extracting(Attempt::outcome).containsExactly(Outcome.STOPPED);
        assertThat(secondCalls.get()).isZero();
    }

    @Test
    public void async_callbacksOfACancelledFuture_seeTheStoppedAttempt() {
        java.util.concurrent.CompletableFuture<String> inFlight = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<String> answer = pendingThenAnswer(inFlight,
                new java.util.concurrent.atomic.AtomicInteger()).runAsync("x");
        AtomicReference<FallbackTrace> seen = new AtomicReference<>();
        answer.whenComplete((value, failure) -> seen.set(FallbackTrace.of(answer)));

        answer.cancel(true);

        assertThat(seen.get().attempts()).extracting(Attempt::outcome).containsExactly(Outcome.STOPPED);
    }

    @Test
    public void timedSyncProvider_failureIsRethrownExactlyAsThrown() {
        java.util.concurrent.CompletionException ownWrapper =
                new java.util.concurrent.CompletionException(new IllegalArgumentException("inner"));
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                .provider("first", p -> {
                    throw ownWrapper;
                }, Duration.ofSeconds(5))
                .provider("second", p -> "second")
                .build();

        assertThatThrownBy(() -> chain.run("x")).isSameAs(ownWrapper);
    }

    @Test
    public void traceOfAChainNestedInATimedAttempt_doesNotReachTheNextTaskOnThatWorker() throws Exception {
        FallbackChain<String, String> inner = FallbackChain.<String, String>builder().provider("inner", p -> p).build();
        AtomicReference<FallbackTrace> seenByNextTask = new AtomicReference<>();
        FallbackChain<String, String> timed = FallbackChain.<String, String>builder()
                .provider("timed", p -> {
                    if (p.equals("nest")) {
                        return inner.run(p);
                    }
                    seenByNextTask.set(FallbackTrace.current());
                    return p;
                }, Duration.ofSeconds(5))
                .build();

        timed.run("nest");
        timed.run("look");

        assertThat(seenByNextTask.get().attempts()).extracting(Attempt::provider).doesNotContain("inner");
    }
}
