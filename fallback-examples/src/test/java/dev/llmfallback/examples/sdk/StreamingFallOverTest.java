package dev.llmfallback.examples.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Model;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.llmfallback.Attempt;
import dev.llmfallback.Attempt.Outcome;
import dev.llmfallback.FallbackChain;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.StreamInterruptedException;
import dev.llmfallback.StreamingProvider;
import dev.llmfallback.examples.fake.Behaviour;
import dev.llmfallback.examples.fake.FakeProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Streaming chains (SPEC §13) through the official SDKs' real streaming clients ({@code createStreaming},
 * {@code StreamResponse.stream()}) against the fakes over loopback HTTP: an in-stream error after the
 * provider's preamble falls over to the next provider's stream, with the default commit point reading the
 * SDKs' own event classes; an error after text deltas surfaces as {@link StreamInterruptedException}; and
 * every {@code StreamResponse} the SDKs opened is closed. A chain here has two providers of the same SDK (so
 * its elements are that SDK's events), and one test crosses SDKs with {@code Object} elements.
 */
class StreamingFallOverTest {

    private static final String PROMPT = "Providers go down mid-stream. Summarise this.";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<AutoCloseable> resources = new ArrayList<>();

    /** Counts the SDK streams a provider opened and the ones closed. */
    private static final class Opened {
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();

        /**
         * The SDK's stream, as an application returns it, with its closes counted. anthropic-java's
         * {@code StreamResponse.stream()} closes the response when the stream is closed; openai-java's (4.8.0)
         * does not, and its response is closed when the {@code StreamResponse} is garbage-collected, even in
         * the middle of the stream: so the application closes it with the stream, which also keeps it
         * reachable (see the README's Streaming section).
         */
        <T> Stream<T> count(com.anthropic.core.http.StreamResponse<T> response) {
            opened.incrementAndGet();
            return response.stream().onClose(closed::incrementAndGet);
        }

        <T> Stream<T> count(com.openai.core.http.StreamResponse<T> response) {
            opened.incrementAndGet();
            return response.stream().onClose(response::close).onClose(closed::incrementAndGet);
        }

        boolean allClosed() {
            return opened.get() == closed.get();
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private FakeProvider fake(Sdk sdk, Behaviour standing) {
        FakeProvider fake = sdk.fake(standing);
        resources.add(fake);
        return fake;
    }

    private StreamingProvider<String, Object> provider(Sdk sdk, FakeProvider fake, Opened counts) {
        if (sdk == Sdk.ANTHROPIC) {
            AnthropicClient client = AnthropicOkHttpClient.builder().baseUrl(fake.baseUrl()).apiKey("sk-ant-fake")
                    .maxRetries(0).timeout(TIMEOUT).build();
            resources.add(client::close);
            return prompt -> counts.count(client.messages().createStreaming(MessageCreateParams.builder()
                    .model(Model.CLAUDE_HAIKU_4_5).maxTokens(256).addUserMessage(prompt).build()));
        }
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(fake.baseUrl()).apiKey("sk-fake")
                .maxRetries(0).timeout(TIMEOUT).build();
        resources.add(client::close);
        return prompt -> counts.count(client.chat().completions().createStreaming(ChatCompletionCreateParams.builder()
                .model(ChatModel.GPT_4O_MINI).addUserMessage(prompt).build()));
    }

    /** The answer's text, as an application would assemble it from either SDK's events. */
    private static String text(List<Object> events) {
        StringBuilder text = new StringBuilder();
        for (Object event : events) {
            if (event instanceof RawMessageStreamEvent) {
                ((RawMessageStreamEvent) event).contentBlockDelta()
                        .flatMap(delta -> delta.delta().text()).ifPresent(t -> text.append(t.text()));
            } else if (event instanceof ChatCompletionChunk) {
                ((ChatCompletionChunk) event).choices()
                        .forEach(choice -> choice.delta().content().ifPresent(text::append));
            }
        }
        return text.toString();
    }

    /** Events that begin a message: Anthropic's message_start, OpenAI's role-only chunk. */
    private static long messageStarts(List<Object> events) {
        return events.stream().filter(event -> event instanceof RawMessageStreamEvent
                ? ((RawMessageStreamEvent) event).isMessageStart()
                : ((ChatCompletionChunk) event).choices().stream().anyMatch(c -> c.delta().role().isPresent()))
                .count();
    }

    private static String answerOf(Sdk sdk) {
        return "[fake " + (sdk == Sdk.ANTHROPIC ? "anthropic" : "openai") + "] Providers go down mid-stream.";
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sdk.class)
    void inStream529AfterThePreamble_fallsOverToTheNextProvidersStream_theFirstClosed(Sdk sdk) throws Exception {
        FakeProvider primary = fake(sdk, Behaviour.streamError(529));
        FakeProvider secondary = fake(sdk, Behaviour.answer());
        Opened first = new Opened();
        Opened second = new Opened();
        FallbackChain<String, Object> chain = FallbackChain.<String, Object>builder()
                .streamingProvider("primary", provider(sdk, primary, first))
                .streamingProvider("secondary", provider(sdk, secondary, second))
                .build();

        List<Object> events;
        try (Stream<Object> answer = chain.stream(PROMPT)) {
            assertThat(first.opened).hasValue(1);
            assertThat(first.allClosed()).as("the abandoned SDK stream is closed before the caller reads").isTrue();
            events = answer.collect(Collectors.toList());
            FallbackTrace trace = FallbackTrace.of(answer);
            assertThat(trace.attempts()).extracting(Attempt::outcome).containsExactly(Outcome.FAILED, Outcome.SUCCEEDED);
            assertThat(trace.summary(0).orElseThrow()).startsWith(sdk == Sdk.ANTHROPIC ? "529" : "500");
        }

        assertThat(text(events)).isEqualTo(answerOf(sdk));
        assertThat(messageStarts(events)).as("one preamble: the secondary's; the primary's is never emitted")
                .isEqualTo(1);
        assertThat(primary.requestCount()).isEqualTo(1);
        assertThat(second.opened).hasValue(1);
        assertThat(second.allClosed()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sdk.class)
    void inStream529AfterThreeDeltas_isStreamInterrupted_noOtherProviderCalled(Sdk sdk) throws Exception {
        FakeProvider primary = fake(sdk, Behaviour.streamErrorAfter(3, 529));
        FakeProvider secondary = fake(sdk, Behaviour.answer());
        Opened first = new Opened();
        Opened second = new Opened();
        FallbackChain<String, Object> chain = FallbackChain.<String, Object>builder()
                .streamingProvider("primary", provider(sdk, primary, first))
                .streamingProvider("secondary", provider(sdk, secondary, second))
                .build();

        List<Object> received = new ArrayList<>();
        Throwable thrown;
        try (Stream<Object> answer = chain.stream(PROMPT)) {
            thrown = catchThrowable(() -> answer.forEach(received::add));
        }

        assertThat(thrown).isInstanceOf(StreamInterruptedException.class)
                .hasCauseInstanceOf(sdk == Sdk.ANTHROPIC ? com.anthropic.errors.SseException.class
                        : com.openai.errors.SseException.class);
        StreamInterruptedException interrupted = (StreamInterruptedException) thrown;
        assertThat(interrupted.provider()).isEqualTo("primary");
        assertThat(interrupted.elementsEmitted()).isEqualTo(received.size());
        assertThat(text(received)).as("three words, then the cut").isEqualTo(
                String.join(" ", List.of(answerOf(sdk).split(" ")).subList(0, 3)));
        assertThat(interrupted.trace().attempts()).extracting(Attempt::outcome).containsExactly(Outcome.SUCCEEDED);
        assertThat(interrupted.getMessage()).doesNotContain(PROMPT).doesNotContain("Providers");
        assertThat(secondary.requestCount()).as("never silently replaced").isZero();
        assertThat(first.opened).hasValue(1);
        assertThat(first.allClosed()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sdk.class)
    void http529AtTheCall_fallsOver(Sdk sdk) throws Exception {
        FakeProvider primary = fake(sdk, Behaviour.overloaded());
        FakeProvider secondary = fake(sdk, Behaviour.answer());
        Opened first = new Opened();
        Opened second = new Opened();
        FallbackChain<String, Object> chain = FallbackChain.<String, Object>builder()
                .streamingProvider("primary", provider(sdk, primary, first))
                .streamingProvider("secondary", provider(sdk, secondary, second))
                .build();

        List<Object> events;
        try (Stream<Object> answer = chain.stream(PROMPT)) {
            events = answer.collect(Collectors.toList());
        }

        assertThat(text(events)).isEqualTo(answerOf(sdk));
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                .containsExactly(Outcome.FAILED, Outcome.SUCCEEDED);
        assertThat(first.allClosed()).isTrue();
        assertThat(second.allClosed()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sdk.class)
    void happyPath_theWholeAnswerWithItsPreamble_oneRequest(Sdk sdk) throws Exception {
        FakeProvider primary = fake(sdk, Behaviour.answer());
        FakeProvider secondary = fake(sdk, Behaviour.answer());
        Opened first = new Opened();
        FallbackChain<String, Object> chain = FallbackChain.<String, Object>builder()
                .streamingProvider("primary", provider(sdk, primary, first))
                .streamingProvider("secondary", provider(sdk, secondary, new Opened()))
                .build();

        List<Object> events;
        try (Stream<Object> answer = chain.stream(PROMPT)) {
            events = answer.collect(Collectors.toList());
        }

        assertThat(text(events)).isEqualTo(answerOf(sdk));
        assertThat(messageStarts(events)).isEqualTo(1);
        assertThat(secondary.requestCount()).isZero();
        assertThat(first.opened).hasValue(1);
        assertThat(first.allClosed()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sdk.class)
    void stallAfterThePreamble_timeoutToCommitRunsOut_theStalledStreamClosedOnTheFake(Sdk sdk) throws Exception {
        FakeProvider primary = fake(sdk, Behaviour.streamStall());
        FakeProvider secondary = fake(sdk, Behaviour.answer());
        Opened first = new Opened();
        Opened second = new Opened();
        FallbackChain<String, Object> chain = FallbackChain.<String, Object>builder()
                .streamingProvider("primary", provider(sdk, primary, first), null, null, Duration.ofSeconds(1))
                .streamingProvider("secondary", provider(sdk, secondary, second))
                .build();
        warmUp(sdk);

        List<Object> events;
        try (Stream<Object> answer = chain.stream(PROMPT)) {
            assertThat(first.opened).as("the SDK returned the stream: its preamble arrived").hasValue(1);
            assertThat(first.allClosed()).as("closed when the chain moved on").isTrue();
            events = answer.collect(Collectors.toList());
        }

        assertThat(text(events)).isEqualTo(answerOf(sdk));
        assertThat(messageStarts(events)).isEqualTo(1);
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                .containsExactly(Outcome.TIMED_OUT, Outcome.SUCCEEDED);
        assertThat(second.allClosed()).isTrue();
        assertThat(openStreamsOnceSettled(primary)).as("the fake sees the stalled stream's connection closed")
                .isZero();
    }

    /** Loads the SDK's streaming classes, so that a cold JVM does not eat a short timeout to commit. */
    private void warmUp(Sdk sdk) throws Exception {
        FakeProvider warm = fake(sdk, Behaviour.answer());
        try (Stream<?> events = provider(sdk, warm, new Opened()).open(PROMPT)) {
            assertThat(text(events.collect(Collectors.<Object>toList()))).isEqualTo(answerOf(sdk));
        }
    }

    /**
     * The fake's count of stalled streams still open, once it stops falling: the fake notices a client's close
     * at its next keep-alive write, tens of milliseconds later. Bounded at 5 s.
     */
    private static int openStreamsOnceSettled(FakeProvider fake) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (fake.openStreams() > 0 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        return fake.openStreams();
    }

    @ParameterizedTest(name = "{0} hangs, the other answers")
    @EnumSource(Sdk.class)
    void hangBeforeTheFirstToken_isBoundedByTheTimeout(Sdk sdk) throws Exception {
        FakeProvider primary = fake(sdk, Behaviour.hang());
        Sdk other = sdk == Sdk.ANTHROPIC ? Sdk.OPENAI : Sdk.ANTHROPIC;
        FakeProvider secondary = fake(other, Behaviour.answer());
        Opened first = new Opened();
        Opened second = new Opened();
        FallbackChain<String, Object> chain = FallbackChain.<String, Object>builder()
                .streamingProvider("primary", provider(sdk, primary, first), null, null, Duration.ofMillis(300))
                .streamingProvider("secondary", provider(other, secondary, second))
                .build();

        List<Object> events;
        try (Stream<Object> answer = chain.stream(PROMPT)) {
            events = answer.collect(Collectors.toList());
        }

        assertThat(text(events)).as("across SDKs: the elements are each SDK's own events").isEqualTo(answerOf(other));
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                .containsExactly(Outcome.TIMED_OUT, Outcome.SUCCEEDED);
        assertThat(first.allClosed()).isTrue();
        assertThat(second.allClosed()).isTrue();
    }
}
