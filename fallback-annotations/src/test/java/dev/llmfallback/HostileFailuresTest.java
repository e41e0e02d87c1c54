package dev.llmfallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmfallback.Attempt.Outcome;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Provider exceptions whose accessors (or {@code getCause()}) throw, overflow the stack or recurse: reading
 * them must give "no answer", never replace the chain's outcome, and never make a predicate, a trace's or an
 * attempt's {@code toString} or {@link AllProvidersFailedException}'s message throw. And the library never
 * asks a failure for its message or {@code toString}: an SDK's message can quote the prompt.
 */
class HostileFailuresTest {

    static Stream<Named<Supplier<RuntimeException>>> hostileFailures() {
        return Stream.of(
                Named.of("statusCode() recursing", RecursingStatus::new),
                Named.of("statusCode() throwing StackOverflowError", OverflowingStatus::new),
                Named.of("statusCode() throwing OutOfMemoryError", OutOfMemoryStatus::new),
                Named.of("statusCode() throwing AssertionError", AssertingStatus::new),
                Named.of("statusCode() throwing a checked exception", SneakyStatus::new),
                Named.of("HasStatusCode.statusCode() recursing", RecursingOwnStatus::new),
                Named.of("getStatusCode().value() recursing", RecursingValueStatus::new),
                Named.of("code() recursing, named like a timeout", RecursingCodeTimeoutException::new),
                Named.of("headers() recursing", RecursingHeaders::new),
                Named.of("headers().values(name) recursing", RecursingHeaderValues::new),
                Named.of("getCause() recursing", RecursingCause::new),
                Named.of("getCause() throwing StackOverflowError", OverflowingCause::new),
                Named.of("recursing link under a wrapper",
                        () -> new IllegalStateException("wrapper", new RecursingStatus())));
    }

    @ParameterizedTest
    @MethodSource("hostileFailures")
    void builtInPredicatesAndHelpers_neverThrow(Supplier<RuntimeException> hostile) {
        RuntimeException failure = hostile.get();
        List<SkipPredicate> builtIns = List.of(RetryableOnly.INSTANCE, RateLimited.INSTANCE, ServerErrors.INSTANCE,
                NetworkErrors.INSTANCE, ProviderFaults.INSTANCE, Always.INSTANCE);

        for (SkipPredicate predicate : builtIns) {
            assertThatCode(() -> predicate.shouldSkip(failure)).as(predicate.getClass().getSimpleName())
                    .doesNotThrowAnyException();
        }
        assertThatCode(() -> Failures.statusCode(failure)).doesNotThrowAnyException();
        assertThatCode(() -> Failures.isNetwork(failure)).doesNotThrowAnyException();
        assertThatCode(() -> Failures.isTimeout(failure)).doesNotThrowAnyException();
        assertThatCode(() -> Failures.retryAfter(failure)).doesNotThrowAnyException();
        assertThatCode(() -> Failures.isRetryable(failure)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @MethodSource("hostileFailures")
    void attemptTraceAndAllProvidersFailed_describeIt_withoutThrowing(Supplier<RuntimeException> hostile) {
        RuntimeException failure = hostile.get();
        Attempt attempt = new Attempt(0, "anthropic", "anthropic", Outcome.FAILED, failure, Duration.ofMillis(12));
        String name = failure.getClass().getSimpleName();

        assertThat(catchThrowable(attempt::toString)).isNull();
        assertThat(attempt.toString()).isEqualTo("#0 anthropic FAILED " + name + " in 12 ms");
        assertThat(FallbackTrace.of(List.of(attempt), Duration.ofMillis(12)).toString())
                .isEqualTo("FallbackTrace[anthropic FAILED " + name + " 12 ms; 12 ms]");
        assertThat(new AllProvidersFailedException(List.of(attempt)).getMessage())
                .isEqualTo("the only provider failed: anthropic (" + name + ")");
    }

    @ParameterizedTest
    @MethodSource("hostileFailures")
    void chainOutcome_isTheProvidersOwn_whateverThePredicate(Supplier<RuntimeException> hostile) throws Exception {
        RuntimeException failure = hostile.get();
        for (SkipPredicate predicate : List.of(RetryableOnly.INSTANCE, ServerErrors.INSTANCE, Always.INSTANCE)) {
            FallbackChain<String, String> alone = FallbackChain.<String, String>builder()
                    .provider("local", p -> {
                        throw failure;
                    }, predicate).build();

            Throwable outcome = catchThrowable(() -> alone.run("x"));

            if (outcome instanceof AllProvidersFailedException) {
                assertThat(outcome.getCause()).as(predicate.getClass().getSimpleName()).isSameAs(failure);
            } else {
                assertThat(outcome).as(predicate.getClass().getSimpleName()).isSameAs(failure);
            }
            assertThat(catchThrowable(() -> FallbackTrace.current().toString())).isNull();
        }
    }

    @Test
    void recursingStatusAccessor_unclassified_stopsTheChainWithTheProvidersFailure() {
        RecursingStatus failure = new RecursingStatus();
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                .provider("anthropic", p -> {
                    throw failure;
                })
                .provider("openai", p -> "openai").build();

        assertThat(catchThrowable(() -> chain.run("x"))).isSameAs(failure);
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome).containsExactly(Outcome.STOPPED);
        assertThat(FallbackTrace.current().toString()).startsWith("FallbackTrace[anthropic STOPPED RecursingStatus ");
    }

    @Test
    void recursingStatusAccessor_movedOnFrom_leavesATraceThatReads() throws Exception {
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                .provider("anthropic", p -> {
                    throw new RecursingStatus();
                })
                .provider("openai", p -> "openai")
                .skipOn(Always.INSTANCE).build();

        assertThat(chain.run("x")).isEqualTo("openai");
        assertThat(FallbackTrace.current().toString())
                .startsWith("FallbackTrace[anthropic FAILED RecursingStatus ").contains(" -> openai SUCCEEDED ");
        assertThat(FallbackTrace.current().attempts().get(0).toString())
                .startsWith("#0 anthropic FAILED RecursingStatus in ");
    }

    @Test
    void recursingStatusAccessor_onTheLastProvider_givesTheDocumentedException() {
        RecursingStatus failure = new RecursingStatus();
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                .provider("local", p -> {
                    throw failure;
                })
                .skipOn(Always.INSTANCE).build();

        Throwable outcome = catchThrowable(() -> chain.run("x"));

        assertThat(outcome).isInstanceOf(AllProvidersFailedException.class)
                .hasMessage("the only provider failed: local (RecursingStatus)").hasCause(failure);
    }

    @Test
    void theLibraryNeverAsksAFailureForItsMessageOrToString() throws Exception {
        Nosy.asked.set(0);
        Nosy failure = new Nosy(new Nosy(null));
        Attempt attempt = new Attempt(0, "anthropic", "anthropic", Outcome.FAILED, failure, Duration.ofMillis(1));

        for (SkipPredicate predicate : List.of(RetryableOnly.INSTANCE, RateLimited.INSTANCE, ServerErrors.INSTANCE,
                NetworkErrors.INSTANCE, ProviderFaults.INSTANCE, Always.INSTANCE)) {
            predicate.shouldSkip(failure);
        }
        Failures.statusCode(failure);
        Failures.isNetwork(failure);
        Failures.isTimeout(failure);
        Failures.retryAfter(failure);
        String described = attempt + " " + FallbackTrace.of(List.of(attempt), Duration.ZERO)
                + new AllProvidersFailedException(List.of(attempt)).getMessage();
        FallbackChain<String, String> movesOn = FallbackChain.<String, String>builder()
                .provider("anthropic", p -> {
                    throw failure;
                })
                .provider("openai", p -> {
                    throw failure;
                }).skipOn(Always.INSTANCE).build();
        Throwable outcome = catchThrowable(() -> movesOn.run("x"));
        described += outcome.getMessage() + FallbackTrace.current() + FallbackTrace.current().attempts();
        FallbackChain<String, String> stops = FallbackChain.<String, String>builder()
                .provider("anthropic", p -> {
                    throw failure;
                }, RateLimited.INSTANCE).build();
        assertThat(catchThrowable(() -> stops.run("x"))).isSameAs(failure);
        described += FallbackTrace.current();

        assertThat(Nosy.asked).as("getMessage/getLocalizedMessage/toString calls").hasValue(0);
        assertThat(described).contains("503 unavailable").doesNotContain(Nosy.PROMPT);
    }

    // ---------------------------------------------------------------------------------------------------
    // Fixtures: public, so that the readers find their accessors as they would an SDK's

    @SuppressWarnings("unchecked")
    static <T extends Throwable> T sneaky(Throwable thrown) throws T {
        throw (T) thrown;
    }

    public static final class RecursingStatus extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public int statusCode() {
            return statusCode() + 1;
        }
    }

    public static final class OverflowingStatus extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public int statusCode() {
            throw new StackOverflowError();
        }
    }

    public static final class OutOfMemoryStatus extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public int getStatus() {
            throw new OutOfMemoryError("simulated");
        }
    }

    public static final class AssertingStatus extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public Integer status() {
            throw new AssertionError("no status");
        }
    }

    public static final class SneakyStatus extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public int getRawStatusCode() {
            throw HostileFailuresTest.<RuntimeException>sneaky(new IOException("no response"));
        }
    }

    public static final class RecursingOwnStatus extends RuntimeException implements HasStatusCode {

        private static final long serialVersionUID = 1L;

        @Override
        public int statusCode() {
            return statusCode() + 1;
        }
    }

    /** Shaped like Spring's {@code HttpStatusCode}, with a broken {@code value()}. */
    public static final class RecursingCode {

        public int value() {
            return value() + 1;
        }
    }

    public static final class RecursingValueStatus extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public RecursingCode getStatusCode() {
            return new RecursingCode();
        }
    }

    /** Named like a timeout, so the timeout check reads its status too. */
    public static final class RecursingCodeTimeoutException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public int code() {
            return code() + 1;
        }
    }

    public static final class RecursingHeaders extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public Map<String, String> headers() {
            return Map.copyOf(headers());
        }
    }

    /** Shaped like the SDKs' {@code Headers}, with a broken {@code values(String)}. */
    public static final class BrokenHeaders {

        public List<String> values(String name) {
            return List.copyOf(values(name));
        }
    }

    public static final class RecursingHeaderValues extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public BrokenHeaders headers() {
            return new BrokenHeaders();
        }
    }

    public static final class RecursingCause extends RuntimeException {

        private static final long serialVersionUID = 1L;

        @Override
        public synchronized Throwable getCause() {
            return getCause();
        }
    }

    public static final class OverflowingCause extends RuntimeException {

        private static final long serialVersionUID = 1L;

        @Override
        public synchronized Throwable getCause() {
            throw new StackOverflowError();
        }
    }

    /** A 503 whose message, like an SDK's, quotes the prompt: the library must never ask for it. */
    public static final class Nosy extends RuntimeException {

        private static final long serialVersionUID = 1L;

        static final String PROMPT = "the user's prompt";

        static final AtomicInteger asked = new AtomicInteger();

        Nosy(Throwable cause) {
            super(PROMPT, cause);
        }

        public int statusCode() {
            return 503;
        }

        @Override
        public String getMessage() {
            asked.incrementAndGet();
            return PROMPT;
        }

        @Override
        public String getLocalizedMessage() {
            asked.incrementAndGet();
            return PROMPT;
        }

        @Override
        public String toString() {
            asked.incrementAndGet();
            return PROMPT;
        }
    }
}
