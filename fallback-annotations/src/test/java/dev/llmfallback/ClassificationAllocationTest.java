package dev.llmfallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.anthropic.errors.AnthropicIoException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.model.anthropic.internal.api.AnthropicStreamingException;
import dev.llmfallback.internal.classify.FailureSummary;
import dev.llmfallback.internal.classify.StatusCodeReaderTest.Code;
import dev.llmfallback.internal.classify.StatusCodeReaderTest.OwnStatus;
import dev.llmfallback.internal.classify.StatusCodeReaderTest.ValueObjectStatus;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;

/**
 * The built-in predicates run on every failure of every chain, so classifying one must allocate nothing:
 * measured with the JVM's per-thread allocation counter over many classifications of failures of every shape
 * the readers handle. Any allocation per classification, even one 16-byte object that escape analysis
 * failed to remove, shows as megabytes here; the bound only leaves room for the counter's own noise.
 */
class ClassificationAllocationTest {

    private static final int WARM_UP_ROUNDS = 20_000;

    private static final int ROUNDS = 50_000;

    /** Far below one allocation per round, far above what the counter reads for an empty stretch of code. */
    private static final long NOISE_BYTES = 64 * 1024;

    private static volatile Object sink;

    @Test
    void builtInPredicatesAndFailuresHelpers_allocateNothingPerClassification() {
        com.sun.management.ThreadMXBean threads = allocationCounter();
        Throwable[] failures = failuresOfEveryShape();

        classifyAll(failures, WARM_UP_ROUNDS);
        long before = threads.getCurrentThreadAllocatedBytes();
        int decisions = classifyAll(failures, ROUNDS);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(decisions).isPositive();
        assertThat(allocated)
                .as("bytes allocated by %d classifications", (long) ROUNDS * failures.length)
                .isLessThan(NOISE_BYTES);
    }

    /** The engine records a failure's summary when it judges the failure: as cheap as classifying it. */
    @Test
    void failureSummaries_allocateNothing() {
        com.sun.management.ThreadMXBean threads = allocationCounter();
        Throwable[] failures = failuresOfEveryShape();

        summarizeAll(failures, WARM_UP_ROUNDS);
        long before = threads.getCurrentThreadAllocatedBytes();
        int length = summarizeAll(failures, ROUNDS);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(length).isPositive();
        assertThat(allocated)
                .as("bytes allocated by %d summaries", (long) ROUNDS * failures.length)
                .isLessThan(NOISE_BYTES);
    }

    @Test
    void theCounter_seesOneSmallAllocationPerRound() {
        com.sun.management.ThreadMXBean threads = allocationCounter();

        allocateOnePerRound(WARM_UP_ROUNDS);
        long before = threads.getCurrentThreadAllocatedBytes();
        allocateOnePerRound(ROUNDS);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(allocated).isGreaterThan(NOISE_BYTES);
    }

    private static com.sun.management.ThreadMXBean allocationCounter() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) threads;
        assumeTrue(counter.isThreadAllocatedMemorySupported() && counter.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counter off");
        return counter;
    }

    private static int classifyAll(Throwable[] failures, int rounds) {
        int decisions = 0;
        for (int round = 0; round < rounds; round++) {
            for (Throwable failure : failures) {
                decisions += RetryableOnly.INSTANCE.shouldSkip(failure) ? 1 : 0;
                decisions += RateLimited.INSTANCE.shouldSkip(failure) ? 1 : 0;
                decisions += ServerErrors.INSTANCE.shouldSkip(failure) ? 1 : 0;
                decisions += ProviderFaults.INSTANCE.shouldSkip(failure) ? 1 : 0;
                decisions += NetworkErrors.INSTANCE.shouldSkip(failure) ? 1 : 0;
                decisions += Failures.statusOrNone(failure) > 0 ? 1 : 0;
            }
        }
        return decisions;
    }

    private static int summarizeAll(Throwable[] failures, int rounds) {
        int length = 0;
        for (int round = 0; round < rounds; round++) {
            for (Throwable failure : failures) {
                length += FailureSummary.of(failure).length();
            }
        }
        return length;
    }

    private static void allocateOnePerRound(int rounds) {
        for (int round = 0; round < rounds; round++) {
            sink = new long[1];
        }
    }

    private static Throwable[] failuresOfEveryShape() {
        RuntimeException cycleStart = new RuntimeException("a");
        cycleStart.initCause(new RuntimeException("b", cycleStart));
        Throwable deep = new IntStatus(429);
        for (int i = 0; i < 40; i++) {
            deep = new RuntimeException(deep);
        }
        return new Throwable[] {
            new CompletionException(new IntStatus(429)),
            new OwnStatus(529),
            new BoxedStatus(503),
            new BoxedStatus(null),
            new ValueObjectStatus(new Code(401)),
            // Calling value() on it would throw, and on JDK 25 build a stack trace on every read.
            new ValueObjectStatus(null),
            new UncheckedIOException(new ConnectException("Connection refused")),
            new AnthropicIoException("Request failed", new InterruptedIOException("timeout")),
            new GatewayTimeoutException(),
            new SlowTimeoutException(),
            // Spring AI 1.x: the status at the head of the message, for its two classes only
            new NonTransientAiException("429 - {\"error\":{\"message\":\"Rate limit reached\"}}"),
            new TransientAiException("HTTP 503 - upstream unavailable"),
            new TransientAiException("no status here"),
            // langchain4j: a streaming error with a String type() and no status; a 408 answer inside a
            // class named like a timeout; an unresolved host
            new AnthropicStreamingException("Overloaded", "overloaded_error"),
            new dev.langchain4j.exception.TimeoutException(new HttpException(408, "Request Timeout")),
            new UnresolvedModelServerException(new UnresolvedAddressException()),
            // AWS SDK v2: status from SdkServiceException
            new ThrottlingException("Retry-After", "3"),
            // Left out: the SDKs' in-stream SseException. Its status (200) is no failure status, so its
            // type() is asked, and that accessor allocates in the SDK itself (an Optional; anthropic-java
            // also converts the body's JSON), which no reader can avoid. The readers allocate nothing there.
            new IllegalStateException("a bug"),
            cycleStart,
            deep,
            null,
        };
    }

    public static final class IntStatus extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int status;

        IntStatus(int status) {
            this.status = status;
        }

        public int statusCode() {
            return status;
        }
    }

    public static final class BoxedStatus extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final Integer status;

        BoxedStatus(Integer status) {
            this.status = status;
        }

        public Integer getStatus() {
            return status;
        }
    }

    /** Named like a timeout but carrying a status, so the timeout check reads its status too. */
    public static final class GatewayTimeoutException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public int statusCode() {
            return 504;
        }
    }

    /** Named like a timeout, without a status. */
    public static final class SlowTimeoutException extends RuntimeException {

        private static final long serialVersionUID = 1L;
    }
}
