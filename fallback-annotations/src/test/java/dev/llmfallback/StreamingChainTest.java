package dev.llmfallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmfallback.Attempt.Outcome;
import dev.llmfallback.internal.health.HealthRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Streaming chains (SPEC §13) with scripted streams: where the commit point is, what falls over before it,
 * what surfaces after it, and that every stream a chain abandons is closed. Elements named {@code pre:...}
 * are preamble for the commit point these tests use; the others carry "model output".
 */
class StreamingChainTest {

    private static final String SECRET = "s3cr3t-stream-prompt";
    private static final CommitPoint AFTER_PREAMBLE = element -> !element.toString().startsWith("pre:");

    private final FakeScheduler clock = new FakeScheduler();

    /** A 529 whose message quotes the prompt, as some clients' messages do. */
    private static final class QuotingFailure extends RuntimeException implements HasStatusCode {
        private static final long serialVersionUID = 1L;

        QuotingFailure() {
            super("overloaded while answering " + SECRET);
        }

        @Override
        public int statusCode() {
            return 529;
        }
    }

    /** A provider whose every call opens a scripted stream, counting opens and closes. */
    private final class Scripted implements StreamingProvider<String, String> {
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        private final Object[] steps;

        /**
         * @param steps per pull: a String is the next element, a RuntimeException is thrown, a Duration moves
         *              the fake clock (the provider takes that long) and goes on to the next step
         */
        Scripted(Object... steps) {
            this.steps = steps;
        }

        @Override
        public Stream<String> open(String input) {
            opened.incrementAndGet();
            Iterator<Object> script = List.of(steps).iterator();
            Spliterator<String> source = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {
                @Override
                public boolean tryAdvance(Consumer<? super String> action) {
                    while (script.hasNext()) {
                        Object step = script.next();
                        if (step instanceof Duration) {
                            clock.skip((Duration) step);
                        } else if (step instanceof ErrorThrowing) {
                            throw ((ErrorThrowing) step).error;
                        } else if (step instanceof RuntimeException) {
                            throw (RuntimeException) step;
                        } else {
                            action.accept((String) step);
                            return true;
                        }
                    }
                    return false;
                }
            };
            return StreamSupport.stream(source, false).onClose(closed::incrementAndGet);
        }

        boolean allClosed() {
            return closed.get() == opened.get();
        }
    }

    private FallbackChain.Builder<String, String> builder() {
        return FallbackChain.<String, String>builder().scheduler(clock);
    }

    private static List<String> drain(Stream<String> stream) {
        try (stream) {
            return stream.collect(Collectors.toList());
        }
    }

    @Test
    public void firstProviderCommits_preambleThenContent_streamClosedWithTheResult() throws Exception {
        Scripted primary = new Scripted("pre:start", "Hello", " world");
        Scripted secondary = new Scripted("never");
        FallbackChain<String, String> chain = builder()
                .streamingProvider("anthropic", primary, null, AFTER_PREAMBLE, null)
                .streamingProvider("openai", secondary)
                .build();

        Stream<String> answer = chain.stream(SECRET);
        assertThat(primary.closed).as("the winner stays open until read").hasValue(0);

        assertThat(drain(answer)).containsExactly("pre:start", "Hello", " world");
        assertThat(primary.closed).hasValue(1);
        assertThat(secondary.opened).hasValue(0);
        FallbackTrace trace = FallbackTrace.of(answer);
        assertThat(trace.attempts()).extracting(Attempt::provider, Attempt::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("anthropic", Outcome.SUCCEEDED));
        assertThat(FallbackTrace.current().attempts()).isEqualTo(trace.attempts());
    }

    @Test
    public void failureWhenCalled_fallsOverToTheNextProvidersStream() throws Exception {
        Scripted secondary = new Scripted("pre:role", "from openai");
        FallbackChain<String, String> chain = builder()
                .streamingProvider("anthropic", p -> {
                    throw new StatusFailure(529);
                })
                .streamingProvider("openai", secondary, null, AFTER_PREAMBLE, null)
                .build();

        assertThat(drain(chain.stream(SECRET))).containsExactly("pre:role", "from openai");
        FallbackTrace trace = FallbackTrace.current();
        assertThat(trace.attempts()).extracting(Attempt::outcome).containsExactly(Outcome.FAILED, Outcome.SUCCEEDED);
        assertThat(trace.summary(0)).hasValue("529 overloaded");
        assertThat(secondary.allClosed()).isTrue();
    }

    @Test
    public void failureOnPullAfterPreamble_fallsOver_theFirstPreambleNeverEmitted_andItsStreamClosed()
            throws Exception {
        Scripted primary = new Scripted("pre:message_start", "pre:ping", new StatusFailure(529), "unreached");
        Scripted secondary = new Scripted("pre:role", "Hi", "!");
        FallbackChain<String, String> chain = builder()
                .streamingProvider("anthropic", primary, null, AFTER_PREAMBLE, null)
                .streamingProvider("openai", secondary, null, AFTER_PREAMBLE, null)
                .build();

        Stream<String> answer = chain.stream(SECRET);
        assertThat(primary.closed).as("closed before the caller reads anything").hasValue(1);

        assertThat(drain(answer)).containsExactly("pre:role", "Hi", "!");
        assertThat(primary.allClosed()).isTrue();
        assertThat(secondary.allClosed()).isTrue();
        assertThat(FallbackTrace.of(answer).attempts()).extracting(Attempt::outcome)
                .containsExactly(Outcome.FAILED, Outcome.SUCCEEDED);
    }

    @Test
    public void failureAfterCommit_isStreamInterrupted_neverAnotherProvidersAnswer() throws Exception {
        StatusFailure cut = new StatusFailure(529);
        Scripted primary = new Scripted("pre:start", "one", "two", cut, "unreached");
        Scripted secondary = new Scripted("never");
        FallbackChain<String, String> chain = builder()
                .streamingProvider("anthropic", primary, null, AFTER_PREAMBLE, null)
                .streamingProvider("openai", secondary)
                .build();

        List<String> received = new ArrayList<>();
        Stream<String> answer = chain.stream(SECRET);
        Throwable thrown = catchThrowable(() -> answer.forEach(received::add));

        assertThat(received).containsExactly("pre:start", "one", "two");
        assertThat(thrown).isInstanceOf(StreamInterruptedException.class).hasCause(cut)
                .hasMessage("stream from anthropic interrupted after 3 elements: 529 overloaded");
        StreamInterruptedException interrupted = (StreamInterruptedException) thrown;
        assertThat(interrupted.provider()).isEqualTo("anthropic");
        assertThat(interrupted.elementsEmitted()).isEqualTo(3);
        assertThat(interrupted.trace().winner()).hasValueSatisfying(a -> assertThat(a.provider()).isEqualTo("anthropic"));
        assertThat(primary.closed).as("closed when it failed, before the caller closes").hasValue(1);
        assertThat(secondary.opened).hasValue(0);
        answer.close();
        assertThat(primary.closed).as("closed once").hasValue(1);
    }

    @Test
    public void stoppingFailureBeforeCommit_isThrownUnchanged_andTheStreamClosed() {
        StatusFailure badRequest = new StatusFailure(400);
        Scripted primary = new Scripted("pre:start", badRequest);
        Scripted secondary = new Scripted("never");
        FallbackChain<String, String> chain = builder()
                .streamingProvider("anthropic", primary, null, AFTER_PREAMBLE, null)
                .streamingProvider("openai", secondary)
                .build();

        assertThat(catchThrowable(() -> chain.stream(SECRET))).isSameAs(badRequest);
        assertThat(primary.allClosed()).isTrue();
        assertThat(secondary.opened).hasValue(0);
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome).containsExactly(Outcome.STOPPED);
    }

    @Test
    public void everyProviderFailsBeforeCommit_allProvidersFailed_everyStreamClosed() {
        Scripted primary = new Scripted("pre:a", new StatusFailure(529));
        Scripted secondary = new Scripted(new StatusFailure(503));
        FallbackChain<String, String> chain = builder()
                .streamingProvider("anthropic", primary, null, AFTER_PREAMBLE, null)
                .streamingProvider("openai", secondary, null, AFTER_PREAMBLE, null)
                .build();

        assertThatThrownBy(() -> chain.stream(SECRET)).isInstanceOf(AllProvidersFailedException.class)
                .hasMessage("all 2 providers failed: anthropic (529 overloaded), openai (503 unavailable)");
        assertThat(primary.opened).hasValue(1);
        assertThat(primary.allClosed()).isTrue();
        assertThat(secondary.allClosed()).isTrue();
    }

    @Test
    public void timeoutBoundsTheTimeToCommit_theSlowStreamIsAbandonedAndClosed() throws Exception {
        // The provider answers its call at once, then takes 2 s to its first content: past its 1 s timeout.
        Scripted slow = new Scripted("pre:start", Duration.ofSeconds(2), "late content");
        Scripted secondary = new Scripted("fast");
        FallbackChain<String, String> chain = builder()
                .streamingProvider("anthropic", slow, null, AFTER_PREAMBLE, Duration.ofSeconds(1))
                .streamingProvider("openai", secondary)
                .build();

        assertThat(drain(chain.stream(SECRET))).containsExactly("fast");
        FallbackTrace trace = FallbackTrace.current();
        assertThat(trace.attempts()).extracting(Attempt::outcome).containsExactly(Outcome.TIMED_OUT, Outcome.SUCCEEDED);
        assertThat(trace.attempts().get(0).failure()).isInstanceOf(TimeoutException.class);
        assertThat(slow.opened).hasValue(1);
        assertThat(slow.allClosed()).as("the late stream was closed when the chain moved on").isTrue();
    }

    @Test
    public void timeoutDoesNotBoundTheStreamAfterCommit() throws Exception {
        Scripted primary = new Scripted("content", Duration.ofSeconds(5), "more");
        FallbackChain<String, String> chain = builder()
                .streamingProvider("anthropic", primary, null, null, Duration.ofSeconds(1))
                .streamingProvider("openai", new Scripted("never"))
                .build();

        assertThat(drain(chain.stream(SECRET))).containsExactly("content", "more");
    }

    @Test
    public void streamThatEndsBeforeAnyContent_isAnAnswer_itsPreambleEmitted() throws Exception {
        Scripted primary = new Scripted("pre:start", "pre:stop");
        FallbackChain<String, String> chain = builder()
                .streamingProvider("anthropic", primary, null, AFTER_PREAMBLE, null)
                .streamingProvider("openai", new Scripted("never"))
                .build();

        assertThat(drain(chain.stream(SECRET))).containsExactly("pre:start", "pre:stop");
        assertThat(FallbackTrace.current().succeeded()).isTrue();
        assertThat(primary.allClosed()).isTrue();
    }

    @Test
    public void defaultCommitPoint_commitsAtTheFirstElementOfAnUnknownType() throws Exception {
        Scripted primary = new Scripted("pre:start", new StatusFailure(529));
        FallbackChain<String, String> chain = builder()
                .streamingProvider("anthropic", primary)
                .streamingProvider("openai", new Scripted("never"))
                .build();

        Stream<String> answer = chain.stream(SECRET);
        assertThatThrownBy(() -> drain(answer)).isInstanceOf(StreamInterruptedException.class);
        assertThat(CommitPoint.firstElement().commits("pre:x")).isTrue();
        assertThat(CommitPoint.modelOutput().commits("pre:x")).isTrue();
    }

    @Test
    public void theCallersOwnFailure_passesUnchanged() throws Exception {
        Scripted primary = new Scripted("a", "b");
        FallbackChain<String, String> chain = builder().streamingProvider("anthropic", primary).build();
        IllegalStateException mine = new IllegalStateException("the caller's bug");

        Stream<String> answer = chain.stream(SECRET);
        assertThat(catchThrowable(() -> answer.forEach(e -> {
            throw mine;
        }))).isSameAs(mine);
        answer.close();
        assertThat(primary.allClosed()).isTrue();
    }

    @Test
    public void errorAfterCommit_passesUnchanged_andTheStreamIsClosed() throws Exception {
        AssertionError bug = new AssertionError("a provider's bug");
        Scripted primary = new Scripted("content", new ErrorThrowing(bug));
        FallbackChain<String, String> chain = builder().streamingProvider("anthropic", primary).build();

        Stream<String> answer = chain.stream(SECRET);
        assertThat(catchThrowable(() -> drain(answer))).isSameAs(bug);
        assertThat(primary.allClosed()).isTrue();
    }

    @Test
    public void commitPointThatThrows_failsItsAttempt_judgedByTheProvidersPredicate() throws Exception {
        CommitPoint broken = element -> {
            throw new IllegalStateException("broken commit point");
        };
        Scripted stops = new Scripted("a");
        Scripted movesOn = new Scripted("a");
        FallbackChain<String, String> stopping = builder()
                .streamingProvider("anthropic", stops, null, broken, null)
                .streamingProvider("openai", new Scripted("never"))
                .build();
        FallbackChain<String, String> movingOn = builder()
                .streamingProvider("anthropic", movesOn, Always.INSTANCE, broken, null)
                .streamingProvider("openai", new Scripted("ok"))
                .build();

        assertThat(catchThrowable(() -> stopping.stream(SECRET))).isInstanceOf(IllegalStateException.class)
                .hasMessage("broken commit point");
        assertThat(drain(movingOn.stream(SECRET))).containsExactly("ok");
        assertThat(stops.allClosed()).isTrue();
        assertThat(movesOn.allClosed()).isTrue();
    }

    /** A scripted step that throws an Error, which a RuntimeException step cannot express. */
    private static final class ErrorThrowing extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final Error error;

        ErrorThrowing(Error error) {
            this.error = error;
        }
    }

    @Test
    public void providerReturningNull_isAFailureJudgedByItsPredicate() throws Exception {
        FallbackChain<String, String> chain = builder()
                .streamingProvider("anthropic", p -> null, Always.INSTANCE, null, null)
                .streamingProvider("openai", new Scripted("ok"))
                .build();

        assertThat(drain(chain.stream(SECRET))).containsExactly("ok");
        assertThat(FallbackTrace.current().attempts().get(0).failure()).isInstanceOf(NullPointerException.class)
                .hasMessage("streaming provider anthropic returned null instead of a Stream");
    }

    @Test
    public void preCommitFailures_coolTheProvider() throws Exception {
        ProviderHealth health = new ProviderHealth(new HealthRegistry(clock::nanoTime,
                Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC)));
        Scripted primary = new Scripted("pre:start", new StatusFailure(529));
        Scripted secondary = new Scripted("ok");
        FallbackChain<String, String> chain = builder()
                .streamingProvider("anthropic", primary, null, AFTER_PREAMBLE, null)
                .streamingProvider("openai", secondary)
                .health(OutageCooldown.INSTANCE).healthRegistry(health)
                .build();

        for (int call = 0; call < 4; call++) {
            assertThat(drain(chain.stream(SECRET))).containsExactly("ok");
        }

        assertThat(health.state("anthropic").status()).isEqualTo(ProviderHealth.Status.COOLING);
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                .containsExactly(Outcome.SKIPPED_UNHEALTHY, Outcome.SUCCEEDED);
        assertThat(primary.allClosed()).isTrue();
    }

    @Test
    public void noMessageOrTraceHoldsTheInputOrAnElement() throws Exception {
        String element = "element-" + SECRET;
        RuntimeException quoting = new QuotingFailure();
        FallbackChain<String, String> chain = builder()
                .streamingProvider("anthropic", new Scripted("pre:" + SECRET, quoting), null, AFTER_PREAMBLE, null)
                .streamingProvider("openai", new Scripted(element, quoting))
                .build();

        Stream<String> answer = chain.stream(SECRET);
        Throwable interrupted = catchThrowable(() -> drain(answer));
        Throwable allFailed = catchThrowable(() -> builder()
                .streamingProvider("anthropic", new Scripted("pre:" + SECRET, quoting), null, AFTER_PREAMBLE, null)
                .build().stream(SECRET));

        assertThat(interrupted).isInstanceOf(StreamInterruptedException.class);
        assertThat(allFailed).isInstanceOf(AllProvidersFailedException.class);
        for (String told : List.of(interrupted.getMessage(), interrupted.toString(),
                ((StreamInterruptedException) interrupted).trace().toString(), FallbackTrace.of(answer).toString(),
                allFailed.getMessage(), chain.toString())) {
            assertThat(told).doesNotContain(SECRET);
        }
    }

    @Test
    public void misuse_failsWithMessagesThatSayTheFix() {
        assertThatThrownBy(() -> FallbackChain.<String, String>builder()
                .provider("sync", p -> "a").streamingProvider("streaming", p -> Stream.of("b")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mixes streaming and other providers [sync, streaming]");
        FallbackChain<String, String> streaming = builder().streamingProvider("s", p -> Stream.of("b")).build();
        FallbackChain<String, String> sync = builder().provider("p", p -> "a").build();
        assertThatThrownBy(() -> streaming.run("x")).isInstanceOf(IllegalStateException.class)
                .hasMessage("FallbackChain[s].run(input): this chain's providers are streaming providers: "
                        + "call stream(input)");
        assertThatThrownBy(() -> streaming.runAsync("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sync.stream("x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call run(input) or runAsync(input), or build the chain with streamingProvider");
        assertThat(FallbackTrace.of(Stream.of("not ours"))).isSameAs(FallbackTrace.empty());
    }
}
