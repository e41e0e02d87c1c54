package dev.llmfallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmfallback.Attempt.Outcome;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Timeouts and deadlines on a fake clock: the providers "take" time by moving the clock, so the rules are
 * checked to the nanosecond with no sleep and no dependence on the machine's load.
 */
class FakeClockTimingTest {

    private final FakeScheduler clock = new FakeScheduler();

    @Test
    public void syncAttemptThatOutlivesItsTimeout_isTimedOut_andItsLateAnswerDiscarded() throws Exception {
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                .provider("anthropic", p -> {
                    clock.skip(Duration.ofSeconds(2));
                    return "late answer";
                }, Duration.ofSeconds(1))
                .provider("openai", p -> "openai")
                .scheduler(clock)
                .build();

        assertThat(chain.run("p")).isEqualTo("openai");

        FallbackTrace trace = FallbackTrace.current();
        assertThat(trace.attempts()).extracting(Attempt::outcome).containsExactly(Outcome.TIMED_OUT, Outcome.SUCCEEDED);
        assertThat(trace.attempts().get(0).duration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(trace.attempts().get(0).failure()).isInstanceOf(TimeoutException.class)
                .hasMessage("attempt timed out after 1000 ms");
        assertThat(trace.elapsed()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    public void syncProviderWithItsOwnPredicateAndTimeout_isTimedOutByOne_andJudgedByTheOther() throws Exception {
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                .provider("anthropic", p -> {
                    clock.skip(Duration.ofSeconds(2));
                    return "late answer";
                }, RateLimited.INSTANCE, Duration.ofSeconds(1))
                .provider("openai", p -> {
                    throw new StatusFailure(529);
                }, RateLimited.INSTANCE, null)
                .provider("local", p -> "local")
                .scheduler(clock)
                .build();

        assertThatThrownBy(() -> chain.run("p")).isInstanceOf(StatusFailure.class);

        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                .containsExactly(Outcome.TIMED_OUT, Outcome.STOPPED);
    }

    @Test
    public void attemptWithinItsTimeout_answers() throws Exception {
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                .provider("anthropic", p -> {
                    clock.skip(Duration.ofMillis(999));
                    return "anthropic";
                }, Duration.ofSeconds(1))
                .provider("openai", p -> "openai")
                .scheduler(clock)
                .build();

        assertThat(chain.run("p")).isEqualTo("anthropic");
        assertThat(FallbackTrace.current().winner().orElseThrow().duration()).isEqualTo(Duration.ofMillis(999));
    }

    @Test
    public void deadline_capsEachAttempt_andLeavesTheRestNotTried() {
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                .provider("anthropic", p -> {
                    clock.skip(Duration.ofMillis(1500));
                    throw new StatusFailure(503);
                }, Duration.ofSeconds(2))
                .provider("openai", p -> {
                    // No timeout of its own, but only 1.5 s of the deadline are left.
                    clock.skip(Duration.ofMillis(1600));
                    return "too late";
                })
                .provider("local", p -> "local")
                .deadline(Duration.ofSeconds(3))
                .scheduler(clock)
                .build();

        assertThatThrownBy(() -> chain.run("p")).isInstanceOf(AllProvidersFailedException.class)
                .hasMessageContaining("anthropic (503 unavailable)")
                .hasMessageContaining("openai (timed out after 1600 ms)")
                .hasMessageContaining("local (not tried: deadline exhausted)");
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                .containsExactly(Outcome.FAILED, Outcome.TIMED_OUT, Outcome.NOT_TRIED);
    }

    @Test
    public void asyncTimeout_countsFromTheAttemptsStart_andFiresOnTheClock() throws Exception {
        CompletableFuture<String> hanging = new CompletableFuture<>();
        CompletableFuture<String> answer = FallbackChain.<String, String>builder()
                .asyncProvider("anthropic", p -> hanging, null, Duration.ofMillis(50))
                .provider("openai", p -> "openai")
                .scheduler(clock)
                .build().runAsync("p");

        clock.advance(Duration.ofMillis(49));
        assertThat(answer).isNotDone();
        clock.advance(Duration.ofMillis(1));

        assertThat(answer).isCompletedWithValue("openai");
        assertThat(hanging).as("the abandoned attempt is cancelled").isCancelled();
        assertThat(FallbackTrace.of(answer).attempts()).extracting(Attempt::outcome)
                .containsExactly(Outcome.TIMED_OUT, Outcome.SUCCEEDED);
    }

    @Test
    public void asyncOutcomeArrivingAfterTheBudget_isRejected_evenBeforeTheTimerRuns() throws Exception {
        CompletableFuture<String> slow = new CompletableFuture<>();
        CompletableFuture<String> answer = FallbackChain.<String, String>builder()
                .asyncProvider("anthropic", p -> slow, null, Duration.ofMillis(50))
                .provider("openai", p -> "openai")
                .scheduler(clock)
                .build().runAsync("p");

        // The timer thread is late (a loaded scheduler): the clock passes the budget, the timer has not run.
        clock.skip(Duration.ofMillis(80));
        slow.complete("late answer");

        assertThat(answer).isCompletedWithValue("openai");
        assertThat(FallbackTrace.of(answer).attempts()).extracting(Attempt::outcome)
                .containsExactly(Outcome.TIMED_OUT, Outcome.SUCCEEDED);
        assertThat(clock.pendingTimers()).as("the settled attempt's timer is cancelled").isZero();
    }

    @Test
    public void syncProviderInAnAsyncChain_thatOutlivesItsTimeout_isTimedOut() throws Exception {
        CompletableFuture<String> answer = FallbackChain.<String, String>builder()
                .provider("anthropic", p -> {
                    clock.skip(Duration.ofSeconds(5));
                    return "late answer";
                }, Duration.ofSeconds(1))
                .provider("openai", p -> "openai")
                .scheduler(clock)
                .build().runAsync("p");

        assertThat(answer).isCompletedWithValue("openai");
        assertThat(FallbackTrace.of(answer).attempts()).extracting(Attempt::outcome)
                .containsExactly(Outcome.TIMED_OUT, Outcome.SUCCEEDED);
    }

    @Test
    public void asyncDeadline_leavesTheRestNotTried() throws Exception {
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> answer = FallbackChain.<String, String>builder()
                .asyncProvider("anthropic", p -> first)
                .asyncProvider("openai", p -> new CompletableFuture<>())
                .deadline(Duration.ofSeconds(1))
                .scheduler(clock)
                .build().runAsync("p");

        clock.advance(Duration.ofSeconds(1));

        assertThat(answer).isCompletedExceptionally();
        assertThat(FallbackTrace.of(answer).attempts()).extracting(Attempt::outcome)
                .containsExactly(Outcome.TIMED_OUT, Outcome.NOT_TRIED);
    }

    @Test
    public void anErrorFromATimedAsyncLink_endsTheChain_evenWhenItArrivesAfterTheBudget() {
        AssertionError bug = new AssertionError("a bug, not an outage");
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                .asyncProvider("anthropic", p -> {
                    // Invoked on the caller's thread, where no timer guards it: it outlives its budget, then throws.
                    clock.skip(Duration.ofSeconds(2));
                    throw bug;
                }, null, Duration.ofSeconds(1))
                .provider("openai", p -> "openai")
                .scheduler(clock)
                .build();

        assertThat(catchThrowable(() -> chain.run("p"))).isSameAs(bug);
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome).containsExactly(Outcome.STOPPED);
    }

    @Test
    public void noWorkerForATimedAttempt_isThatAttemptsFailure_recordedAndJudged() {
        clock.rejectSubmissions = true;
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                .provider("anthropic", p -> "never runs", Duration.ofSeconds(1))
                .provider("openai", p -> "openai")
                .scheduler(clock)
                .build();

        assertThat(catchThrowable(() -> chain.run("p"))).isInstanceOf(RejectedExecutionException.class);
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome).containsExactly(Outcome.STOPPED);
    }
}
