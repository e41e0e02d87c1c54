package dev.llmfallback.tck.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.models.chat.completions.ChatCompletionChunk;
import dev.llmfallback.Attempt;
import dev.llmfallback.Attempt.Outcome;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.ProviderHealth;
import dev.llmfallback.StreamInterruptedException;
import dev.llmfallback.examples.fake.Behaviour;
import dev.llmfallback.examples.fake.FakeProvider;
import dev.llmfallback.tck.stream.fixtures.AnthropicStreams;
import dev.llmfallback.tck.stream.fixtures.OpenAiStreams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Annotated streaming heads (SPEC §13) through one front door, with both official SDKs' real streaming clients
 * ({@code createStreaming}) against fallback-examples' fake servers over loopback HTTP. Every case runs for each
 * SDK and each way a head can stream: returning the SDK's {@code StreamResponse} (the chain answers with an
 * object of that interface) and returning its {@code Stream}. In every case each response an SDK opened is
 * closed by the end, and no stalled stream is left open on the fakes.
 *
 * <p>The fixtures ({@link AnthropicStreams}, {@link OpenAiStreams}) are compiled by plain javac; each door's
 * test module weaves them its own way and extends this class.
 */
public abstract class StreamingContract {

    private static final String PROMPT = "Providers go down mid-stream. Summarise this.";
    /** How long a test waits for the fake to see a closed stream; it takes tens of milliseconds. */
    private static final Duration SETTLE = Duration.ofSeconds(5);

    /** The two SDKs. */
    public enum Sdk {
        ANTHROPIC, OPENAI;

        FakeProvider fake(Behaviour standing) {
            return this == ANTHROPIC ? FakeProvider.anthropic(standing) : FakeProvider.openAi(standing);
        }

        String answer() {
            return "[fake " + (this == ANTHROPIC ? "anthropic" : "openai") + "] Providers go down mid-stream.";
        }
    }

    /** What the head returns. */
    public enum Returns {
        /** The SDK's {@code StreamResponse<T>}, as {@code createStreaming} returns it. */
        STREAM_RESPONSE,
        /** Its {@code Stream<T>}, closing the response with it. */
        STREAM
    }

    /** One SDK and one return kind. */
    public record Case(Sdk sdk, Returns returns) {
        @Override
        public String toString() {
            return sdk + ", head returns " + returns;
        }
    }

    /** The head's answer, as the caller holds it: the declared type, and the stream it reads. */
    private record Answer(AutoCloseable declared, Stream<Object> stream) implements AutoCloseable {
        @Override
        public void close() {
            try {
                declared.close();
            } catch (RuntimeException unchecked) {
                throw unchecked;
            } catch (Exception checked) {
                throw new IllegalStateException("closing the answer failed", checked);
            }
        }
    }

    static Stream<Case> cases() {
        return Stream.of(Sdk.values()).flatMap(sdk -> Stream.of(Returns.values()).map(r -> new Case(sdk, r)));
    }

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final StreamCounts primaryCounts = new StreamCounts();
    private final StreamCounts secondaryCounts = new StreamCounts();
    private FakeProvider primary;
    private FakeProvider secondary;
    private AutoCloseable fixture;

    @BeforeEach
    void resetHealth() {
        ProviderHealth.shared().resetAll();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    /**
     * How the door reaches a fixture: the weaving doors call the (woven) fixture itself; a proxy-based door
     * (Spring AOP) returns its proxy of it.
     *
     * @param fixture a fixture instance
     * @param <T>     its class
     * @return what the test calls the heads on
     */
    protected <T> T through(T fixture) {
        return fixture;
    }

    private void fakes(Case c, Behaviour primaryBehaviour, Behaviour secondaryBehaviour) {
        primary = c.sdk().fake(primaryBehaviour);
        resources.add(primary);
        secondary = c.sdk().fake(secondaryBehaviour);
        resources.add(secondary);
        AutoCloseable made = c.sdk() == Sdk.ANTHROPIC
                ? new AnthropicStreams(primary.baseUrl(), secondary.baseUrl(), primaryCounts, secondaryCounts)
                : new OpenAiStreams(primary.baseUrl(), secondary.baseUrl(), primaryCounts, secondaryCounts);
        resources.add(made);
        fixture = through(made);
    }

    /** Calls the head of the case's chain, untimed or with the primary's time to commit bounded. */
    private Answer call(Case c, boolean timed) {
        AutoCloseable declared;
        if (fixture instanceof AnthropicStreams) {
            AnthropicStreams anthropic = (AnthropicStreams) fixture;
            declared = c.returns() == Returns.STREAM_RESPONSE
                    ? (timed ? anthropic.timedResponse(PROMPT) : anthropic.response(PROMPT))
                    : (timed ? anthropic.timedStream(PROMPT) : anthropic.stream(PROMPT));
        } else {
            OpenAiStreams openAi = (OpenAiStreams) fixture;
            declared = c.returns() == Returns.STREAM_RESPONSE
                    ? (timed ? openAi.timedResponse(PROMPT) : openAi.response(PROMPT))
                    : (timed ? openAi.timedStream(PROMPT) : openAi.stream(PROMPT));
        }
        return answer(declared);
    }

    @SuppressWarnings("unchecked")
    private static Answer answer(AutoCloseable declared) {
        Stream<Object> stream;
        if (declared instanceof com.anthropic.core.http.StreamResponse) {
            stream = ((com.anthropic.core.http.StreamResponse<Object>) declared).stream();
        } else if (declared instanceof com.openai.core.http.StreamResponse) {
            stream = ((com.openai.core.http.StreamResponse<Object>) declared).stream();
        } else {
            stream = (Stream<Object>) declared;
        }
        return new Answer(declared, stream);
    }

    /**
     * Streams one answer through the secondary's own one-link chain, so that the case's SDK, its streaming
     * classes and the chain's are loaded (and, under load-time weaving, woven) before a timed chain runs: a
     * cold first call can take longer than the primary's whole time to commit, and the timeout would then run
     * out before the SDK has even returned the stalled response.
     */
    private void warmUp(Case c) {
        AutoCloseable declared;
        if (fixture instanceof AnthropicStreams) {
            AnthropicStreams anthropic = (AnthropicStreams) fixture;
            declared = c.returns() == Returns.STREAM_RESPONSE ? anthropic.secondaryResponse(PROMPT)
                    : anthropic.secondaryStream(PROMPT);
        } else {
            OpenAiStreams openAi = (OpenAiStreams) fixture;
            declared = c.returns() == Returns.STREAM_RESPONSE ? openAi.secondaryResponse(PROMPT)
                    : openAi.secondaryStream(PROMPT);
        }
        try (Answer answer = answer(declared)) {
            assertThat(text(answer.stream().collect(Collectors.toList()))).isEqualTo(c.sdk().answer());
        }
    }

    /** The answer's text, as an application would assemble it from either SDK's events. */
    private static String text(List<Object> events) {
        StringBuilder text = new StringBuilder();
        for (Object event : events) {
            if (event instanceof RawMessageStreamEvent) {
                ((RawMessageStreamEvent) event).contentBlockDelta()
                        .flatMap(delta -> delta.delta().text()).ifPresent(t -> text.append(t.text()));
            } else {
                ((ChatCompletionChunk) event).choices().forEach(choice -> choice.delta().content().ifPresent(text::append));
            }
        }
        return text.toString();
    }

    /** The events that begin a message: Anthropic's message_start, OpenAI's role-only chunk. */
    private static long messageStarts(List<Object> events) {
        return events.stream().filter(event -> event instanceof RawMessageStreamEvent
                ? ((RawMessageStreamEvent) event).isMessageStart()
                : ((ChatCompletionChunk) event).choices().stream().anyMatch(c -> c.delta().role().isPresent()))
                .count();
    }

    /** Nothing leaked: every response the SDKs opened is closed, and the fakes hold no stalled stream open. */
    private void assertNothingLeaked() throws InterruptedException {
        assertThat(primaryCounts.allClosed()).as("primary responses: %s", primaryCounts).isTrue();
        assertThat(secondaryCounts.allClosed()).as("secondary responses: %s", secondaryCounts).isTrue();
        assertThat(primary.awaitNoOpenStreams(SETTLE)).as("streams open on the primary's fake").isZero();
        assertThat(secondary.awaitNoOpenStreams(SETTLE)).as("streams open on the secondary's fake").isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    public void happyPath_theWholeAnswerWithItsPreamble_secondaryNeverCalled(Case c) throws Exception {
        fakes(c, Behaviour.answer(), Behaviour.answer());

        List<Object> events;
        try (Answer answer = call(c, false)) {
            events = answer.stream().collect(Collectors.toList());
            assertThat(FallbackTrace.of(answer.stream()).attempts()).extracting(Attempt::outcome)
                    .containsExactly(Outcome.SUCCEEDED);
        }

        assertThat(text(events)).isEqualTo(c.sdk().answer());
        assertThat(messageStarts(events)).isEqualTo(1);
        assertThat(secondary.requestCount()).isZero();
        assertThat(primaryCounts.openedCount()).isEqualTo(1);
        assertNothingLeaked();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    public void inStream529AfterThePreamble_fallsOver_onlyTheSecondarysPreambleEmitted(Case c) throws Exception {
        fakes(c, Behaviour.streamError(529), Behaviour.answer());

        List<Object> events;
        try (Answer answer = call(c, false)) {
            assertThat(primaryCounts.closedCount()).as("the abandoned response is closed before the caller reads")
                    .isEqualTo(1);
            events = answer.stream().collect(Collectors.toList());
            FallbackTrace trace = FallbackTrace.of(answer.stream());
            assertThat(trace.attempts()).extracting(Attempt::outcome).containsExactly(Outcome.FAILED, Outcome.SUCCEEDED);
            assertThat(trace.attempts()).extracting(Attempt::provider).containsExactly("primary", "secondary");
            assertThat(trace.summary(0).orElseThrow()).startsWith(c.sdk() == Sdk.ANTHROPIC ? "529" : "500");
            assertThat(trace.toString()).doesNotContain("Providers");
        }

        assertThat(text(events)).isEqualTo(c.sdk().answer());
        assertThat(messageStarts(events)).as("one preamble: the secondary's; the primary's is never emitted")
                .isEqualTo(1);
        assertThat(primary.requestCount()).isEqualTo(1);
        assertThat(secondary.requestCount()).isEqualTo(1);
        assertNothingLeaked();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    public void http529AtTheCall_fallsOver(Case c) throws Exception {
        fakes(c, Behaviour.overloaded(), Behaviour.answer());

        List<Object> events;
        try (Answer answer = call(c, false)) {
            events = answer.stream().collect(Collectors.toList());
        }

        assertThat(text(events)).isEqualTo(c.sdk().answer());
        assertThat(messageStarts(events)).isEqualTo(1);
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                .containsExactly(Outcome.FAILED, Outcome.SUCCEEDED);
        assertThat(FallbackTrace.current().summary(0).orElseThrow()).startsWith("529");
        assertThat(primaryCounts.openedCount()).as("the SDK threw at the call: no response").isZero();
        assertNothingLeaked();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    public void inStream529AfterThreeDeltas_isStreamInterrupted_secondaryNeverCalled(Case c) throws Exception {
        fakes(c, Behaviour.streamErrorAfter(3, 529), Behaviour.answer());

        List<Object> received = new ArrayList<>();
        Throwable thrown;
        try (Answer answer = call(c, false)) {
            thrown = catchThrowable(() -> answer.stream().forEach(received::add));
        }

        assertThat(thrown).isInstanceOf(StreamInterruptedException.class)
                .hasCauseInstanceOf(c.sdk() == Sdk.ANTHROPIC ? com.anthropic.errors.SseException.class
                        : com.openai.errors.SseException.class);
        StreamInterruptedException interrupted = (StreamInterruptedException) thrown;
        assertThat(interrupted.provider()).isEqualTo("primary");
        assertThat(interrupted.elementsEmitted()).isEqualTo(received.size());
        assertThat(text(received)).as("three words, then the cut")
                .isEqualTo(String.join(" ", List.of(c.sdk().answer().split(" ")).subList(0, 3)));
        assertThat(interrupted.trace().attempts()).extracting(Attempt::outcome).containsExactly(Outcome.SUCCEEDED);
        assertThat(interrupted.getMessage()).doesNotContain(PROMPT).doesNotContain("Providers");
        assertThat(secondary.requestCount()).as("never silently replaced").isZero();
        assertThat(secondaryCounts.openedCount()).isZero();
        assertNothingLeaked();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    public void stallAfterThePreamble_beforeTheFirstToken_isBoundedByTheTimeout(Case c) throws Exception {
        fakes(c, Behaviour.streamStall(), Behaviour.answer());
        warmUp(c);

        List<Object> events;
        try (Answer answer = call(c, true)) {
            // Closed when the chain moves on; or, on a machine so loaded that the SDK returned the stalled
            // response only after the timeout, by the abandoned attempt as soon as it did.
            assertThat(primaryCounts.awaitClosed(1, SETTLE)).as("the stalled response is closed").isEqualTo(1);
            events = answer.stream().collect(Collectors.toList());
        }

        assertThat(text(events)).isEqualTo(c.sdk().answer());
        assertThat(messageStarts(events)).as("the stalled primary's preamble is never emitted").isEqualTo(1);
        List<Attempt> attempts = FallbackTrace.current().attempts();
        assertThat(attempts).extracting(Attempt::outcome).containsExactly(Outcome.TIMED_OUT, Outcome.SUCCEEDED);
        assertThat(attempts.get(0).duration()).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertNothingLeaked();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    public void hangBeforeAnyResponse_isBoundedByTheTimeout(Case c) throws Exception {
        fakes(c, Behaviour.hang(), Behaviour.answer());
        warmUp(c);

        List<Object> events;
        try (Answer answer = call(c, true)) {
            events = answer.stream().collect(Collectors.toList());
        }

        assertThat(text(events)).isEqualTo(c.sdk().answer());
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                .containsExactly(Outcome.TIMED_OUT, Outcome.SUCCEEDED);
        assertThat(secondaryCounts.allClosed()).as("secondary responses: %s", secondaryCounts).isTrue();
        assertThat(secondary.awaitNoOpenStreams(SETTLE)).isZero();
        // The primary's SDK call is still waiting for response headers on the abandoned worker; a response it
        // returns late is closed as soon as it is opened (covered in fallback-annotations' StreamingChainTest).
    }
}
