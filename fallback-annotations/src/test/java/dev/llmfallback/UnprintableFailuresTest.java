package dev.llmfallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmfallback.Attempt.Outcome;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A provider's failure whose {@code toString} and {@code getMessage} throw must reach the rules unchanged on
 * every path: the JDK builds an {@code ExecutionException} or {@code CompletionException} around a failure by
 * calling its {@code toString}, so the engine never lets a failure pass through such a wrapper.
 */
class UnprintableFailuresTest {

    /** A status exception that cannot be printed. */
    static final class Unprintable extends RuntimeException implements HasStatusCode {
        private static final long serialVersionUID = 1L;
        private final int status;

        Unprintable(int status) {
            super(null, null, false, false);
            this.status = status;
        }

        @Override
        public int statusCode() {
            return status;
        }

        @Override
        public String getMessage() {
            throw new IllegalStateException("getMessage must not be called");
        }

        @Override
        public String toString() {
            throw new IllegalStateException("toString must not be called");
        }
    }

    /** A failure whose status accessor spins until the test releases it: classification that never ends. */
    static final class SpinningStatus extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static volatile boolean released;

        SpinningStatus() {
            super("spins", null, false, false);
        }

        public int statusCode() {
            while (!released) {
                Thread.onSpinWait();
            }
            return 503;
        }
    }

    @Test
    public void aStatusReadThatNeverEnds_costsATimedAttemptItsTimeout_notTheCallerItsThread() throws Exception {
        SpinningStatus.released = false;
        try {
            FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                    .provider("anthropic", p -> {
                        throw new SpinningStatus();
                    }, Duration.ofMillis(200))
                    .provider("openai", p -> "openai")
                    .build();

            assertThat(chain.run("p")).isEqualTo("openai");
            assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                    .containsExactly(Outcome.TIMED_OUT, Outcome.SUCCEEDED);
            assertThat(FallbackTrace.current().toString()).contains("anthropic TIMED_OUT");
        } finally {
            SpinningStatus.released = true;
        }
    }

    /** Answers its status while it is judged, then never again: describing it later must not ask it. */
    static final class StatusOnce extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private int reads;

        StatusOnce() {
            super("once", null, false, false);
        }

        public synchronized int statusCode() {
            // Read twice when judged (the recorded summary, then the predicate); a third read never returns.
            if (++reads > 2) {
                while (!SpinningStatus.released) {
                    Thread.onSpinWait();
                }
            }
            return 503;
        }
    }

    @Test
    public void aTimedAttemptsFailure_isDescribedAsJudged_neverAskedAgain() throws Exception {
        SpinningStatus.released = false;
        try {
            FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                    .provider("anthropic", p -> {
                        throw new StatusOnce();
                    }, Duration.ofSeconds(30))
                    .provider("openai", p -> {
                        throw new StatusOnce();
                    }, Duration.ofSeconds(30))
                    .build();

            Throwable thrown = catchThrowable(() -> chain.run("p"));

            assertThat(thrown).isInstanceOf(AllProvidersFailedException.class)
                    .hasMessage("all 2 providers failed: anthropic (503 unavailable), openai (503 unavailable)");
            assertThat(FallbackTrace.current().toString()).contains("anthropic FAILED 503 unavailable")
                    .contains("openai FAILED 503 unavailable");
        } finally {
            SpinningStatus.released = true;
        }
    }

    private static FallbackChain<String, String> chain(String shape, Unprintable failure) {
        FallbackChain.Builder<String, String> builder = FallbackChain.builder();
        switch (shape) {
            case "sync":
                builder.provider("anthropic", p -> {
                    throw failure;
                });
                break;
            case "timed":
                builder.provider("anthropic", p -> {
                    throw failure;
                }, Duration.ofSeconds(30));
                break;
            case "async":
                builder.asyncProvider("anthropic", p -> CompletableFuture.failedFuture(failure));
                break;
            case "asyncTimed":
                // Completed on another thread, raw (supplyAsync would wrap it, calling toString: the provider's
                // own doing, which no library can undo).
                builder.asyncProvider("anthropic", p -> {
                    CompletableFuture<String> stage = new CompletableFuture<>();
                    ForkJoinPool.commonPool().execute(() -> stage.completeExceptionally(failure));
                    return stage;
                }, null, Duration.ofSeconds(30));
                break;
            default:
                throw new IllegalArgumentException(shape);
        }
        return builder.provider("openai", p -> "openai").build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "timed", "async", "asyncTimed"})
    public void unprintable503_stillMovesOn_throughRun(String shape) throws Exception {
        assertThat(chain(shape, new Unprintable(503)).run("p")).isEqualTo("openai");
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                .containsExactly(Outcome.FAILED, Outcome.SUCCEEDED);
        assertThat(FallbackTrace.current().toString()).contains("anthropic FAILED 503 unavailable");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "timed", "async", "asyncTimed"})
    public void unprintable400_isRethrownUnchanged_throughRun(String shape) {
        Unprintable badRequest = new Unprintable(400);

        Throwable thrown = catchThrowable(() -> chain(shape, badRequest).run("p"));

        assertThat(thrown).isSameAs(badRequest);
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome).containsExactly(Outcome.STOPPED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "timed", "async", "asyncTimed"})
    public void unprintableFailures_followTheRules_throughRunAsync(String shape) throws Exception {
        CompletableFuture<String> movedOn = chain(shape, new Unprintable(503)).runAsync("p");
        assertThat(movedOn.get()).isEqualTo("openai");

        Unprintable badRequest = new Unprintable(400);
        CompletableFuture<String> stopped = chain(shape, badRequest).runAsync("p");
        // The chain's own future holds the failure itself (get() would wrap it: the JDK's doing, not ours).
        assertThat(stopped.handle((answer, failure) -> failure).get()).isSameAs(badRequest);
    }
}
