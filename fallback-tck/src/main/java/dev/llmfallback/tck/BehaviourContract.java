package dev.llmfallback.tck;

import static dev.llmfallback.tck.Script.Behaviour.answer;
import static dev.llmfallback.tck.Script.Behaviour.echo;
import static dev.llmfallback.tck.Script.Behaviour.fail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmfallback.AllProvidersFailedException;
import dev.llmfallback.Attempt;
import dev.llmfallback.Attempt.Outcome;
import dev.llmfallback.FallbackTrace;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The behaviour every front door must show (SPEC §4-§6). A subclass names its {@link FrontDoor}; the
 * assertions are the same for all. Providers are scripted fakes; no test sleeps.
 */
public abstract class BehaviourContract {

    /** Appears in every prompt and every failure message, and must never appear in anything we write. */
    protected static final String SECRET = "s3cr3t-prompt-7f3a";
    protected static final String PROMPT = "summarise: " + SECRET;

    /** The per-attempt timeout of the timed chains. */
    public static final long TIMEOUT_MS = 150;
    /** The deadline of the deadline chain, and its first link's own timeout. */
    public static final long DEADLINE_MS = 1_000;
    public static final long DEADLINE_FIRST_TIMEOUT_MS = 300;
    /**
     * How late a timed chain may regain control in these cases, on a noisy 2-core machine. The strict bound
     * (timeout + 50 ms) is checked once, with a real HTTP client, by a dedicated test of the engine.
     */
    protected static final long SLACK_MS = 1_000;
    /** How long a test, or an async door, waits for a chain's future before failing instead of hanging. */
    public static final long AWAIT_S = 10;

    protected abstract FrontDoor door();

    /** Skips a scenario about the calling thread where the door runs async chains ({@link FrontDoor#async()}). */
    protected void assumeSyncDoor(String why) {
        assumeFalse(door().async(), "sync chains only: " + why);
    }

    @BeforeEach
    @AfterEach
    public void clearInterruptFlag() {
        Thread.interrupted();
    }

    protected static ProviderException status(int code) {
        return new ProviderException(code, "HTTP " + code + " for request " + SECRET);
    }

    // ---- falling over ------------------------------------------------------------------------------

    @Test
    public void firstProviderAnswers_othersNeverCalled() throws Exception {
        Script script = Script.of(answer("from anthropic"), answer("from openai"), answer("from local"));

        assertThat(door().threeProviders(script, PROMPT)).isEqualTo("from anthropic");
        assertThat(script.calledProviders()).containsExactly(0);
    }

    @Test
    public void firstOverloaded_fallsOverToSecond() throws Exception {
        Script script = Script.of(fail(status(529)), answer("from openai"), answer("from local"));

        assertThat(door().threeProviders(script, PROMPT)).isEqualTo("from openai");
        assertThat(script.calledProviders()).containsExactly(0, 1);
    }

    @Test
    public void firstTwoFail_thirdAnswers() throws Exception {
        Script script = Script.of(fail(status(529)), fail(status(429)), answer("from local"));

        assertThat(door().threeProviders(script, PROMPT)).isEqualTo("from local");
        assertThat(script.calledProviders()).containsExactly(0, 1, 2);
    }

    @Test
    public void allFail_throwsAllProvidersFailed_withEveryAttemptInOrder() {
        ProviderException overloaded = status(529);
        ProviderException rateLimited = status(429);
        ConnectException refused = new ConnectException("refused for " + SECRET);
        Script script = Script.of(fail(overloaded), fail(rateLimited), fail(refused));

        Throwable thrown = catchThrowable(() -> door().threeProviders(script, PROMPT));

        assertThat(thrown).isInstanceOf(AllProvidersFailedException.class);
        AllProvidersFailedException all = (AllProvidersFailedException) thrown;
        assertThat(all.attempts()).extracting(Attempt::provider).containsExactlyElementsOf(door().threeProviderLabels());
        assertThat(all.attempts()).extracting(Attempt::method).containsExactlyElementsOf(door().threeProviderMethods());
        assertThat(all.attempts()).extracting(Attempt::outcome).containsOnly(Outcome.FAILED);
        assertThat(all.attempts()).extracting(Attempt::failure).containsExactly(overloaded, rateLimited, refused);
        assertThat(all.attempts()).extracting(Attempt::providerIndex).containsExactly(0, 1, 2);
        assertThat(all.getCause()).isSameAs(refused);
        assertThat(all.getSuppressed()).containsExactly(overloaded, rateLimited, refused);
        assertThat(all.getMessage()).isEqualTo("all 3 providers failed: anthropic (529 overloaded), "
                + "openai (429 rate limited), " + door().threeProviderLabels().get(2) + " (ConnectException)");
        assertThat(script.calledProviders()).containsExactly(0, 1, 2);
    }

    // ---- stopping ----------------------------------------------------------------------------------

    @Test
    public void callersFault_isRethrownUnchanged_laterProvidersNeverCalled() {
        ProviderException promptTooLong = status(400);
        Script script = Script.of(fail(promptTooLong), answer("from openai"), answer("from local"));

        assertThatThrownBy(() -> door().threeProviders(script, PROMPT)).isSameAs(promptTooLong);
        assertThat(script.calledProviders()).containsExactly(0);
        assertThat(door().lastTrace().attempts()).extracting(Attempt::outcome).containsExactly(Outcome.STOPPED);
    }

    @Test
    public void uncheckedUnclassifiedFailure_stops() {
        IllegalStateException bug = new IllegalStateException("bug");
        Script script = Script.of(fail(bug), answer("from openai"), answer("from local"));

        assertThatThrownBy(() -> door().threeProviders(script, PROMPT)).isSameAs(bug);
        assertThat(script.calledProviders()).containsExactly(0);
    }

    @Test
    public void checkedUnclassifiedFailure_isRethrownUnchanged() {
        ProviderCheckedException checked = new ProviderCheckedException("nope");
        Script script = Script.of(fail(checked), answer("from openai"), answer("from local"));

        assertThatThrownBy(() -> door().threeProviders(script, PROMPT)).isSameAs(checked);
        assertThat(script.calledProviders()).containsExactly(0);
    }

    @Test
    public void checkedNetworkFailure_movesOn() throws Exception {
        Script script = Script.of(fail(new ConnectException("refused")), answer("from openai"), answer("from local"));

        assertThat(door().threeProviders(script, PROMPT)).isEqualTo("from openai");
    }

    // ---- predicates --------------------------------------------------------------------------------

    @Test
    public void rateLimitedPredicate_movesOnFor429() throws Exception {
        Script script = Script.of(fail(status(429)), answer("from openai"));

        assertThat(door().rateLimitedOnly(script, PROMPT)).isEqualTo("from openai");
    }

    @Test
    public void rateLimitedPredicate_stopsForOverload() {
        ProviderException overloaded = status(529);
        Script script = Script.of(fail(overloaded), answer("from openai"));

        assertThatThrownBy(() -> door().rateLimitedOnly(script, PROMPT)).isSameAs(overloaded);
        assertThat(script.calledProviders()).containsExactly(0);
    }

    @Test
    public void alwaysPredicate_movesOnForUnclassifiedFailure() throws Exception {
        Script script = Script.of(fail(new IllegalStateException("bug")), answer("from openai"));

        assertThat(door().alwaysMovesOn(script, PROMPT)).isEqualTo("from openai");
    }

    @Test
    public void predicateThatThrows_endsChain_withJudgedFailureSuppressed() {
        ProviderException overloaded = status(529);
        Script script = Script.of(fail(overloaded), answer("from openai"));

        Throwable thrown = catchThrowable(() -> door().throwingPredicate(script, PROMPT));

        assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage(ThrowingPredicate.MESSAGE);
        assertThat(thrown.getSuppressed()).containsExactly(overloaded);
        assertThat(script.calledProviders()).containsExactly(0);
        assertThat(door().lastTrace().attempts()).extracting(Attempt::outcome).containsExactly(Outcome.STOPPED);
    }

    // ---- errors and interruption -------------------------------------------------------------------

    @Test
    public void error_neverFallsOver() {
        AssertionError error = new AssertionError("broken invariant");
        Script script = Script.of(fail(error), answer("from openai"), answer("from local"));

        assertThatThrownBy(() -> door().threeProviders(script, PROMPT)).isSameAs(error);
        assertThat(script.calledProviders()).containsExactly(0);
        assertThat(door().lastTrace().attempts()).extracting(Attempt::outcome).containsExactly(Outcome.STOPPED);
    }

    @Test
    public void stackOverflow_neverFallsOver() {
        StackOverflowError error = new StackOverflowError();
        Script script = Script.of(fail(error), answer("from openai"), answer("from local"));

        assertThatThrownBy(() -> door().threeProviders(script, PROMPT)).isSameAs(error);
        assertThat(script.calledProviders()).containsExactly(0);
    }

    @Test
    public void interruptedException_stopsChain_unjudged() {
        InterruptedException interrupted = new InterruptedException("interrupted");
        Script script = Script.of(fail(interrupted), answer("from openai"), answer("from local"));

        assertThatThrownBy(() -> door().threeProviders(script, PROMPT)).isSameAs(interrupted);
        assertThat(script.calledProviders()).containsExactly(0);
        assertThat(door().lastTrace().attempts()).extracting(Attempt::outcome).containsExactly(Outcome.STOPPED);
    }

    @Test
    public void interruptedException_restoresInterruptFlag() {
        assumeSyncDoor("the flag restored is the calling thread's, and an async chain's provider runs elsewhere");
        InterruptedException interrupted = new InterruptedException("interrupted");
        Script script = Script.of(fail(interrupted), answer("from openai"), answer("from local"));

        assertThatThrownBy(() -> door().threeProviders(script, PROMPT)).isSameAs(interrupted);
        assertThat(Thread.interrupted()).as("interrupt flag after the chain").isTrue();
    }

    @Test
    public void interruptFlagSet_retryableFailure_stopsChain_flagKept() {
        assumeSyncDoor("the provider sets the flag of the thread it runs on, the caller's only in a sync chain;"
                + " an async chain has no caller's thread to consult (cancelling its future is how to stop it)");
        ConnectException refused = new ConnectException("refused");
        Script script = Script.of(prompt -> {
            Thread.currentThread().interrupt();
            throw refused;
        }, answer("from openai"), answer("from local"));

        assertThatThrownBy(() -> door().threeProviders(script, PROMPT)).isSameAs(refused);
        assertThat(Thread.interrupted()).as("interrupt flag after the chain").isTrue();
        assertThat(script.calledProviders()).containsExactly(0);
        assertThat(door().lastTrace().attempts()).extracting(Attempt::outcome).containsExactly(Outcome.STOPPED);
    }

    // ---- answers and arguments ---------------------------------------------------------------------

    @Test
    public void nullAnswer_isSuccess() throws Exception {
        Script script = Script.of(Script.Behaviour.returnNull(), answer("from openai"), answer("from local"));

        assertThat(door().threeProviders(script, PROMPT)).isNull();
        assertThat(script.calledProviders()).containsExactly(0);
        assertThat(door().lastTrace().succeeded()).isTrue();
    }

    @Test
    public void prompt_reachesEverySibling() throws Exception {
        Script script = Script.of(fail(status(503)), fail(status(502)), echo("local got "));

        assertThat(door().threeProviders(script, PROMPT)).isEqualTo("local got " + PROMPT);
        assertThat(script.calls()).extracting(Script.Call::prompt).containsOnly(PROMPT);
    }

    // ---- the trace ---------------------------------------------------------------------------------

    @Test
    public void traceAfterSuccess_showsEveryAttemptAndTheWinner() throws Exception {
        ProviderException overloaded = status(529);
        Script script = Script.of(fail(overloaded), answer("from openai"), answer("from local"));

        door().threeProviders(script, PROMPT);
        FallbackTrace trace = door().lastTrace();

        assertThat(trace.attempts()).extracting(Attempt::outcome).containsExactly(Outcome.FAILED, Outcome.SUCCEEDED);
        assertThat(trace.attempts()).extracting(Attempt::provider).containsExactly("anthropic", "openai");
        assertThat(trace.attempts()).extracting(Attempt::method)
                .containsExactlyElementsOf(door().threeProviderMethods().subList(0, 2));
        assertThat(trace.attempts().get(0).failure()).isSameAs(overloaded);
        assertThat(trace.attempts().get(1).failure()).isNull();
        assertThat(trace.succeeded()).isTrue();
        assertThat(trace.winner()).contains(trace.attempts().get(1));
        assertThat(trace.lastAttempt()).isEqualTo(trace.winner());
        assertThat(trace.attempts()).allSatisfy(a -> assertThat(a.duration()).isGreaterThanOrEqualTo(Duration.ZERO)
                .isLessThanOrEqualTo(trace.elapsed()));
        assertThat(trace.toString()).contains("anthropic FAILED 529 overloaded").contains("openai SUCCEEDED");
    }

    @Test
    public void traceAfterStop_keepsTheAttempts() {
        Script script = Script.of(fail(status(503)), fail(status(401)), answer("from local"));

        catchThrowable(() -> door().threeProviders(script, PROMPT));
        FallbackTrace trace = door().lastTrace();

        assertThat(trace.attempts()).extracting(Attempt::outcome).containsExactly(Outcome.FAILED, Outcome.STOPPED);
        assertThat(trace.succeeded()).isFalse();
        assertThat(trace.winner()).isEmpty();
        assertThat(trace.lastAttempt().map(Attempt::provider)).contains("openai");
    }

    @Test
    public void traceAfterAllFailed_equalsTheExceptionsAttempts() {
        Script script = Script.of(fail(status(503)), fail(status(503)), fail(status(503)));

        AllProvidersFailedException all = (AllProvidersFailedException) catchThrowable(
                () -> door().threeProviders(script, PROMPT));

        assertThat(door().lastTrace().attempts()).isEqualTo(all.attempts());
    }

    @Test
    public void traceReadInsideAProvider_showsTheAttemptsSoFar() throws Exception {
        assumeSyncDoor("the provider reads FallbackTrace.current(), its own thread's trace; SPEC §5/§7 give an"
                + " async chain no thread trace, only FallbackTrace.of(its future), which a provider cannot reach");
        AtomicReference<FallbackTrace> seen = new AtomicReference<>();
        Script script = Script.of(fail(status(503)), prompt -> {
            seen.set(FallbackTrace.current());
            return "from openai";
        }, answer("from local"));

        door().threeProviders(script, PROMPT);

        assertThat(seen.get().attempts()).extracting(Attempt::outcome).containsExactly(Outcome.FAILED);
        assertThat(door().lastTrace().attempts()).hasSize(2);
    }

    @Test
    public void nestedChain_doesNotCorruptTheOuterTrace() throws Exception {
        Script inner = Script.of(fail(status(529)), answer("inner openai"), answer("inner local"));
        AtomicReference<String> innerAnswer = new AtomicReference<>();
        AtomicReference<FallbackTrace> innerTrace = new AtomicReference<>();
        Script outer = Script.of(prompt -> {
            innerAnswer.set(door().threeProviders(inner, prompt));
            innerTrace.set(door().lastTrace());
            throw status(503);
        }, answer("outer openai"), answer("outer local"));

        assertThat(door().threeProviders(outer, PROMPT)).isEqualTo("outer openai");

        assertThat(innerAnswer.get()).isEqualTo("inner openai");
        assertThat(innerTrace.get().attempts()).extracting(Attempt::outcome)
                .containsExactly(Outcome.FAILED, Outcome.SUCCEEDED);
        FallbackTrace trace = door().lastTrace();
        assertThat(trace.attempts()).extracting(Attempt::outcome).containsExactly(Outcome.FAILED, Outcome.SUCCEEDED);
        assertThat(trace.attempts().get(0).failure()).isInstanceOf(ProviderException.class);
        assertThat(((ProviderException) trace.attempts().get(0).failure()).statusCode()).isEqualTo(503);
        assertThat(inner.calledProviders()).containsExactly(0, 1);
        assertThat(outer.calledProviders()).containsExactly(0, 1);
    }

    @Test
    public void chainReusedManyTimes_eachTraceHoldsOnlyItsOwnAttempts() throws Exception {
        Script script = Script.of(prompt -> {
            if (prompt.endsWith("odd")) {
                throw status(503);
            }
            return "first";
        }, echo("second "), answer("third"));

        for (int i = 0; i < 500; i++) {
            String prompt = i + (i % 2 == 1 ? " odd" : " even");
            String answer = door().threeProviders(script, prompt);
            FallbackTrace trace = door().lastTrace();
            if (i % 2 == 1) {
                assertThat(answer).isEqualTo("second " + prompt);
                assertThat(trace.attempts()).extracting(Attempt::provider).containsExactly("anthropic", "openai");
            } else {
                assertThat(answer).isEqualTo("first");
                assertThat(trace.attempts()).extracting(Attempt::provider).containsExactly("anthropic");
            }
        }
    }

    @Test
    public void chainUsedFromManyThreads_eachThreadSeesOnlyItsOwnTrace() throws Exception {
        Script script = Script.of(prompt -> {
            if (prompt.endsWith("odd")) {
                throw status(529);
            }
            return "first " + prompt;
        }, echo("second "), answer("third"));
        int threads = 8;
        int callsPerThread = 250;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    int checked = 0;
                    for (int i = 0; i < callsPerThread; i++) {
                        boolean odd = (i + thread) % 2 == 1;
                        String prompt = "t" + thread + " i" + i + (odd ? " odd" : " even");
                        String answer = door().threeProviders(script, prompt);
                        FallbackTrace trace = door().lastTrace();
                        assertThat(answer).isEqualTo((odd ? "second " : "first ") + prompt);
                        assertThat(trace.attempts()).hasSize(odd ? 2 : 1);
                        assertThat(trace.winner().map(Attempt::provider)).contains(odd ? "openai" : "anthropic");
                        checked++;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(callsPerThread);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(script.calls()).hasSize(threads * callsPerThread * 3 / 2);
    }

    // ---- privacy -----------------------------------------------------------------------------------

    @Test
    public void messagesAndTraces_neverContainThePrompt() {
        Script script = Script.of(fail(status(529)), fail(new SocketTimeoutException("timeout for " + SECRET)),
                fail(new UncheckedIOException(new ConnectException(SECRET))));

        Throwable thrown = catchThrowable(() -> door().threeProviders(script, PROMPT));

        assertThat(thrown).isInstanceOf(AllProvidersFailedException.class);
        assertThat(thrown.getMessage()).doesNotContain(SECRET);
        assertThat(thrown.toString()).doesNotContain(SECRET);
        assertThat(door().lastTrace().toString()).doesNotContain(SECRET);
        assertThat(door().lastTrace().attempts()).allSatisfy(a -> assertThat(a.toString()).doesNotContain(SECRET));
    }

    // ---- async chains (SPEC §7) --------------------------------------------------------------------

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(AWAIT_S, TimeUnit.SECONDS);
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        Throwable thrown = catchThrowable(() -> future.get(AWAIT_S, TimeUnit.SECONDS));
        assertThat(thrown).as("the future must fail, not hang").isInstanceOf(ExecutionException.class);
        return thrown.getCause();
    }

    @Test
    public void async_firstProviderAnswers() throws Exception {
        Script script = Script.of(answer("from anthropic"), answer("from openai"), answer("from local"));

        CompletableFuture<String> answer = door().asyncThreeProviders(script, PROMPT);

        assertThat(await(answer)).isEqualTo("from anthropic");
        assertThat(FallbackTrace.of(answer).attempts()).extracting(Attempt::outcome).containsExactly(Outcome.SUCCEEDED);
    }

    @Test
    public void async_exceptionalCompletion_fallsOver() throws Exception {
        Script script = Script.of(fail(status(529)), answer("from openai"), answer("from local"));

        assertThat(await(door().asyncThreeProviders(script, PROMPT))).isEqualTo("from openai");
        assertThat(script.calledProviders()).containsExactly(0, 1);
    }

    @Test
    public void async_failureThrownBeforeAnyStage_fallsOver() throws Exception {
        Script script = Script.of(Script.AsyncBehaviour.throwing(status(503)), answer("from openai"), answer("from local"));

        assertThat(await(door().asyncThreeProviders(script, PROMPT))).isEqualTo("from openai");
    }

    @Test
    public void async_allFail_failTheFuture_withEveryAttempt() throws Exception {
        Script script = Script.of(fail(status(529)), fail(status(429)), fail(status(503)));

        CompletableFuture<String> answer = door().asyncThreeProviders(script, PROMPT);

        assertThat(failureOf(answer)).isInstanceOf(AllProvidersFailedException.class);
        assertThat(((AllProvidersFailedException) failureOf(answer)).attempts()).hasSize(3);
        assertThat(FallbackTrace.of(answer).attempts()).extracting(Attempt::outcome).containsOnly(Outcome.FAILED);
    }

    @Test
    public void async_callersFault_failsTheFutureWithTheOriginal() throws Exception {
        ProviderException promptTooLong = status(400);
        Script script = Script.of(fail(promptTooLong), answer("from openai"), answer("from local"));

        assertThat(failureOf(door().asyncThreeProviders(script, PROMPT))).isSameAs(promptTooLong);
        assertThat(script.calledProviders()).containsExactly(0);
    }

    @Test
    public void async_nullAnswer_isSuccess() throws Exception {
        Script script = Script.of(Script.Behaviour.returnNull(), answer("from openai"), answer("from local"));

        assertThat(await(door().asyncThreeProviders(script, PROMPT))).isNull();
    }

    @Test
    public void async_leavesTheCallingThreadsTraceAlone_andDependentStagesCarryTheirs() throws Exception {
        door().threeProviders(Script.of(answer("sync")), PROMPT);
        FallbackTrace before = FallbackTrace.current();
        Script script = Script.of(fail(status(503)), answer("from openai"), answer("from local"));

        CompletableFuture<String> answer = door().asyncThreeProviders(script, PROMPT);
        CompletableFuture<Integer> length = answer.thenApply(String::length);
        await(length);

        assertThat(FallbackTrace.current().attempts()).isEqualTo(before.attempts());
        assertThat(FallbackTrace.of(length).attempts()).extracting(Attempt::outcome)
                .containsExactly(Outcome.FAILED, Outcome.SUCCEEDED);
        assertThat(FallbackTrace.of(CompletableFuture.completedFuture("not ours"))).isSameAs(FallbackTrace.empty());
    }

    @Test
    public void async_cancellingTheFuture_cancelsTheAttemptInFlight_andStartsNoOther() throws Exception {
        CompletableFuture<String> inFlight = new CompletableFuture<>();
        Script script = Script.of(Script.AsyncBehaviour.pending(inFlight), answer("from openai"), answer("from local"));

        CompletableFuture<String> answer = door().asyncThreeProviders(script, PROMPT);
        assertThat(answer.cancel(true)).isTrue();

        assertThat(inFlight.isCancelled()).isTrue();
        assertThat(script.calledProviders()).containsExactly(0);
        assertThat(FallbackTrace.of(answer).attempts()).extracting(Attempt::outcome).containsExactly(Outcome.STOPPED);
    }

    @Test
    public void async_attemptTimeout_cancelsTheStage_andFallsOver() throws Exception {
        CompletableFuture<String> never = new CompletableFuture<>();
        Script script = Script.of(Script.AsyncBehaviour.pending(never), answer("from openai"), answer("from local"));

        CompletableFuture<String> answer = door().asyncTimedThreeProviders(script, PROMPT);

        assertThat(await(answer)).isEqualTo("from openai");
        assertThat(never.isCancelled()).isTrue();
        List<Attempt> attempts = FallbackTrace.of(answer).attempts();
        assertThat(attempts).extracting(Attempt::outcome).containsExactly(Outcome.TIMED_OUT, Outcome.SUCCEEDED);
        assertThat(attempts.get(0).failure()).isInstanceOf(TimeoutException.class);
        assertThat(never.complete("late")).as("a late answer changes nothing").isFalse();
        assertThat(FallbackTrace.of(answer).attempts()).isEqualTo(attempts);
    }

    // ---- timeouts and deadlines --------------------------------------------------------------------

    @Test
    public void timeout_providerWithinIt_answersAsUsual() throws Exception {
        Script script = Script.of(answer("from anthropic"), answer("from openai"), answer("from local"));

        assertThat(door().timedThreeProviders(script, PROMPT)).isEqualTo("from anthropic");
        assertThat(door().lastTrace().attempts()).extracting(Attempt::outcome).containsExactly(Outcome.SUCCEEDED);
    }

    @Test
    public void timeout_failureWithinIt_isJudgedAsUsual_andRethrownUnwrapped() {
        ProviderCheckedException checked = new ProviderCheckedException("nope");
        Script script = Script.of(fail(checked), answer("from openai"), answer("from local"));

        assertThatThrownBy(() -> door().timedThreeProviders(script, PROMPT)).isSameAs(checked);
        assertThat(script.calledProviders()).containsExactly(0);
    }

    @Test
    public void timeout_providerIgnoringInterrupts_isAbandoned_andTheNextAnswersInTime() throws Exception {
        Script.Hang hang = new Script.Hang();
        AtomicReference<Boolean> nextSawInterrupt = new AtomicReference<>();
        Script script = Script.of(Script.Behaviour.hangIgnoringInterrupts(hang, "late anthropic"), prompt -> {
            nextSawInterrupt.set(Thread.currentThread().isInterrupted());
            return "from openai";
        }, answer("from local"));
        try {
            long start = System.nanoTime();
            String answer = door().timedThreeProviders(script, PROMPT);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(answer).isEqualTo("from openai");
            assertThat(tookMs).isGreaterThanOrEqualTo(TIMEOUT_MS - 5).isLessThan(TIMEOUT_MS + SLACK_MS);
            assertThat(Thread.currentThread().isInterrupted()).as("our timeout's interrupt reaches the caller").isFalse();
            assertThat(nextSawInterrupt.get()).as("our timeout's interrupt reaches the next attempt").isFalse();
            List<Attempt> attempts = door().lastTrace().attempts();
            assertThat(attempts).extracting(Attempt::outcome).containsExactly(Outcome.TIMED_OUT, Outcome.SUCCEEDED);
            assertThat(attempts.get(0).failure()).isInstanceOf(TimeoutException.class);
            assertThat(hang.interrupted.await(10, TimeUnit.SECONDS)).as("the abandoned attempt was interrupted").isTrue();
        } finally {
            hang.release();
        }
    }

    @Test
    public void timeout_interruptibleProvider_isInterruptedByOurTimeout() throws Exception {
        Script.Hang hang = new Script.Hang();
        Script script = Script.of(Script.Behaviour.hangInterruptibly(hang, "late"), answer("from openai"), answer("from local"));
        try {
            assertThat(door().timedThreeProviders(script, PROMPT)).isEqualTo("from openai");
            assertThat(hang.interrupted.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        } finally {
            hang.release();
        }
    }

    @Test
    public void deadline_cutsTheSecondAttemptShort_andTheRestAreNotTried() throws Exception {
        Script.Hang first = new Script.Hang();
        Script.Hang second = new Script.Hang();
        Script script = Script.of(Script.Behaviour.hangIgnoringInterrupts(first, "late"),
                Script.Behaviour.hangIgnoringInterrupts(second, "late"), answer("from local"));
        try {
            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> door().deadlineThreeProviders(script, PROMPT));
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(thrown).isInstanceOf(AllProvidersFailedException.class);
            List<Attempt> attempts = ((AllProvidersFailedException) thrown).attempts();
            assertThat(attempts).extracting(Attempt::outcome)
                    .containsExactly(Outcome.TIMED_OUT, Outcome.TIMED_OUT, Outcome.NOT_TRIED);
            assertThat(attempts.get(0).duration().toMillis()).isGreaterThanOrEqualTo(DEADLINE_FIRST_TIMEOUT_MS - 5);
            assertThat(attempts.get(2).failure()).isNull();
            assertThat(thrown.getMessage()).contains("not tried: deadline exhausted").contains("timed out after");
            assertThat(tookMs).isGreaterThanOrEqualTo(DEADLINE_MS - 5).isLessThan(DEADLINE_MS + SLACK_MS);
            assertThat(script.calledProviders()).containsExactly(0, 1);
        } finally {
            first.release();
            second.release();
        }
    }

    @Test
    public void interruptFromOutside_whileWaitingOnATimedAttempt_stopsTheChain_flagKept() throws Exception {
        assumeSyncDoor("an async chain's caller does not wait in the engine, so there is no waiting caller to"
                + " interrupt; the async way to stop a chain, cancelling its future, is async_cancellingTheFuture_...");
        Script.Hang hang = new Script.Hang();
        Script script = Script.of(Script.Behaviour.hangIgnoringInterrupts(hang, "late"), answer("from openai"),
                answer("from local"));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flagAfter = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            thrown.set(catchThrowable(() -> door().deadlineThreeProviders(script, PROMPT)));
            flagAfter.set(Thread.currentThread().isInterrupted());
        });
        try {
            caller.start();
            assertThat(hang.entered.await(10, TimeUnit.SECONDS)).isTrue();
            caller.interrupt();
            caller.join(10_000);

            assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
            assertThat(flagAfter.get()).isTrue();
            assertThat(script.calledProviders()).containsExactly(0);
        } finally {
            hang.release();
        }
    }

    @Test
    public void timedAttempt_seesTheCallersContext_throughARegisteredPropagator() throws Exception {
        assumeTrue(door().providersRunOnEngineThreads(), "an async provider's work runs on the provider's own"
                + " threads, which the engine does not run and so carries no context to");
        AtomicReference<String> seen = new AtomicReference<>();
        AtomicReference<String> seenThread = new AtomicReference<>();
        Script script = Script.of(prompt -> {
            seen.set(FakeMdcPropagator.MDC.get());
            seenThread.set(Thread.currentThread().toString());
            return "from anthropic";
        }, answer("from openai"), answer("from local"));
        FakeMdcPropagator.MDC.set("request-42");
        try {
            assertThat(door().timedThreeProviders(script, PROMPT)).isEqualTo("from anthropic");
        } finally {
            FakeMdcPropagator.MDC.remove();
        }

        assertThat(seenThread.get()).as("a timed attempt runs on a worker").isNotEqualTo(Thread.currentThread().toString());
        assertThat(seen.get()).isEqualTo("request-42");
    }

    // ---- the default predicate's table (SPEC §6) ---------------------------------------------------

    @ParameterizedTest(name = "HTTP {0} moves on: {1}")
    @CsvSource({
        "400, false", "401, false", "402, false", "403, false", "404, false", "408, true", "409, true",
        "413, false", "418, false", "422, false", "425, true", "429, true", "500, true", "502, true",
        "503, true", "504, true", "529, true", "599, true"})
    public void defaultPredicate_statusTable(int code, boolean movesOn) throws Exception {
        assertDefaultPredicate(status(code), movesOn);
    }

    @ParameterizedTest(name = "{0} in the cause chain moves on: {1}")
    @CsvSource({"503, true", "429, true", "400, false"})
    public void defaultPredicate_readsStatusFromTheCauseChain(int code, boolean movesOn) throws Exception {
        RuntimeException wrapped = new RuntimeException("wrapper", new IllegalStateException("middle", status(code)));
        assertDefaultPredicate(wrapped, movesOn);
    }

    static Stream<Arguments> networkFailuresAndTimeouts() {
        return Stream.of(
                new ConnectException("refused"),
                new NoRouteToHostException("no route"),
                new UnknownHostException("api.example"),
                new SocketException("Connection reset"),
                new SSLHandshakeException("handshake"),
                new UncheckedIOException(new ConnectException("refused")),
                new SocketTimeoutException("read timed out"),
                new HttpTimeoutException("request timed out"),
                new TimeoutException("timed out"),
                new UncheckedIOException(new InterruptedIOException("timeout")))
                .map(failure -> Arguments.of(failure.toString(), failure));
    }

    @ParameterizedTest(name = "{0} moves on")
    @MethodSource("networkFailuresAndTimeouts")
    public void defaultPredicate_movesOnForNetworkFailuresAndTimeouts(String name, Throwable failure) throws Exception {
        assertDefaultPredicate(failure, true);
    }

    static Stream<Arguments> unclassifiedFailures() {
        return Stream.of(new IllegalArgumentException("bad"), new NullPointerException("npe"),
                        new IOException("disk full"), new UnsupportedOperationException("nope"))
                .map(failure -> Arguments.of(failure.toString(), failure));
    }

    @ParameterizedTest(name = "{0} stops")
    @MethodSource("unclassifiedFailures")
    public void defaultPredicate_stopsForUnclassifiedFailures(String name, Throwable failure) throws Exception {
        assertDefaultPredicate(failure, false);
    }

    private void assertDefaultPredicate(Throwable failure, boolean movesOn) throws Exception {
        Script script = Script.of(fail(failure), answer("from openai"), answer("from local"));
        if (movesOn) {
            assertThat(door().threeProviders(script, PROMPT)).isEqualTo("from openai");
            assertThat(script.calledProviders()).containsExactly(0, 1);
        } else {
            assertThatThrownBy(() -> door().threeProviders(script, PROMPT)).isSameAs(failure);
            assertThat(script.calledProviders()).containsExactly(0);
        }
    }
}
