package dev.llmfallback.internal.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmfallback.AllProvidersFailedException;
import dev.llmfallback.Attempt;
import dev.llmfallback.Attempt.Outcome;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.internal.classify.StatusCodeReaderTest.PrimitiveStatus;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Failure summaries: what they say, that they are shared constants, and that traces and messages built from
 * recorded summaries never run a failure's code again.
 */
class FailureSummaryTest {

    @ParameterizedTest
    @CsvSource({
        "400, 400 bad request", "401, 401 unauthorized", "402, 402 payment required", "403, 403 forbidden",
        "404, 404 not found", "408, 408 request timeout", "409, 409 conflict", "413, 413 request too large",
        "422, 422 unprocessable", "425, 425 too early", "429, 429 rate limited", "500, 500 server error",
        "502, 502 bad gateway", "503, 503 unavailable", "504, 504 gateway timeout", "529, 529 overloaded",
        "418, 418", "999, 999"})
    void of_aStatus_isASharedConstant(int status, String expected) {
        String first = FailureSummary.of(new PrimitiveStatus(status));

        assertThat(first).isEqualTo(expected);
        assertThat(FailureSummary.of(new RuntimeException(new PrimitiveStatus(status)))).isSameAs(first);
    }

    @Test
    void of_withoutAStatus_isTheClassSimpleName_orItsBinaryName() {
        RuntimeException anonymous = new RuntimeException() {
            private static final long serialVersionUID = 1L;
        };

        assertThat(FailureSummary.of(new SocketTimeoutException("quoting the prompt")))
                .isEqualTo("SocketTimeoutException");
        assertThat(FailureSummary.of(anonymous)).isEqualTo(anonymous.getClass().getName());
        assertThat(FailureSummary.of(null)).isEqualTo(FailureSummary.NO_FAILURE);
        assertThat(FailureSummary.typeOf(new PrimitiveStatus(503))).isEqualTo("PrimitiveStatus");
        assertThat(FailureSummary.typeOf(null)).isEqualTo(FailureSummary.NO_FAILURE);
    }

    @Test
    void recordedSummary_winsOverComputingOne() {
        assertThat(FailureSummary.of(new PrimitiveStatus(503), "429 rate limited")).isEqualTo("429 rate limited");
        assertThat(FailureSummary.of(new PrimitiveStatus(503), null)).isEqualTo("503 unavailable");
    }

    @Test
    void traceWithoutARecordedSummary_computesIt() {
        Attempt failed = failed(0, "anthropic", new PrimitiveStatus(529));
        Attempt alsoFailed = failed(1, "openai", new PrimitiveStatus(429));

        FallbackTrace trace = RecordedSummaries.trace(List.of(failed, alsoFailed), new String[] {null},
                Duration.ofMillis(24));

        assertThat(trace).hasToString(
                "FallbackTrace[anthropic FAILED 529 overloaded 12 ms -> openai FAILED 429 rate limited 12 ms; 24 ms]");
        assertThat(RecordedSummaries.trace(List.of(failed), null, Duration.ofMillis(12)))
                .hasToString("FallbackTrace[anthropic FAILED 529 overloaded 12 ms; 12 ms]");
        assertThat(RecordedSummaries.allProvidersFailed(trace))
                .hasMessage("all 2 providers failed: anthropic (529 overloaded), openai (429 rate limited)")
                .hasCause(alsoFailed.failure());
    }

    /**
     * The accessor answered when the attempt was judged (the summary was recorded then) and now never returns:
     * the trace and the exception must not ask it again. Bounded because they do not call it at all.
     */
    @Test
    void traceAndAllProvidersFailed_fromRecordedSummaries_neverRunTheFailuresCodeAgain() throws Exception {
        LoopingStatus looping = new LoopingStatus();
        Attempt failed = failed(0, "anthropic", looping);
        Attempt last = failed(1, "openai", new PrimitiveStatus(429));
        AtomicReference<String> described = new AtomicReference<>();
        AtomicReference<AllProvidersFailedException> thrown = new AtomicReference<>();
        Thread describing = new Thread(() -> {
            FallbackTrace trace = RecordedSummaries.trace(List.of(failed, last),
                    new String[] {"503 unavailable", "429 rate limited"}, Duration.ofMillis(24));
            described.set(trace.toString());
            thrown.set(RecordedSummaries.allProvidersFailed(trace));
        });
        describing.setDaemon(true);
        try {
            describing.start();
            describing.join(TimeUnit.SECONDS.toMillis(10));

            assertThat(describing.isAlive()).as("still describing after 10 s").isFalse();
        } finally {
            LoopingStatus.released = true;
            describing.join(TimeUnit.SECONDS.toMillis(10));
        }
        assertThat(LoopingStatus.calls).hasValue(0);
        assertThat(described.get()).isEqualTo(
                "FallbackTrace[anthropic FAILED 503 unavailable 12 ms -> openai FAILED 429 rate limited 12 ms; 24 ms]");
        assertThat(thrown.get())
                .hasMessage("all 2 providers failed: anthropic (503 unavailable), openai (429 rate limited)")
                .hasCause(last.failure());
        assertThat(thrown.get().attempts()).containsExactly(failed, last);
        assertThat(thrown.get().getSuppressed()).containsExactly(looping, last.failure());
    }

    private static Attempt failed(int index, String provider, Throwable failure) {
        return new Attempt(index, provider, provider, Outcome.FAILED, failure, Duration.ofMillis(12));
    }

    /** A status accessor that, asked now, never returns (until the test ends). */
    public static final class LoopingStatus extends RuntimeException {

        private static final long serialVersionUID = 1L;

        static final AtomicInteger calls = new AtomicInteger();

        static volatile boolean released;

        public int statusCode() {
            calls.incrementAndGet();
            while (!released) {
                Thread.onSpinWait();
            }
            return 503;
        }
    }
}
