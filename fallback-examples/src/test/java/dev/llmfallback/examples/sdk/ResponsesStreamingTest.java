package dev.llmfallback.examples.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.ChatModel;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
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
import org.junit.jupiter.api.Test;

/**
 * Streaming chains through openai-java's real Responses API client ({@code client.responses().createStreaming})
 * against the fake Responses API over loopback HTTP. The API reports an in-stream failure as an {@code error}
 * event, which the SDK hands over as an element, not an exception: before the first output delta the default
 * commit point makes it a failure judged by the provider's predicate (the chain falls over, and the failed
 * stream's {@code response.created} is never emitted); after it, the stream ends with
 * {@link StreamInterruptedException}. Every {@code StreamResponse} opened is closed.
 */
class ResponsesStreamingTest {

    private static final String PROMPT = "Providers go down mid-stream. Summarise this.";
    private static final String ANSWER = "[fake openai] Providers go down mid-stream.";

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    /** Counts the SDK streams a provider opened and closed. */
    private static final class Opened {
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();

        boolean allClosed() {
            return opened.get() == closed.get();
        }
    }

    private FakeProvider fake(Behaviour standing) {
        FakeProvider fake = FakeProvider.openAiResponses(standing);
        resources.add(fake);
        return fake;
    }

    /** The Responses stream as an application returns it: closing the stream closes the response. */
    private StreamingProvider<String, ResponseStreamEvent> provider(FakeProvider fake, Opened counts) {
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(fake.baseUrl()).apiKey("sk-fake").maxRetries(0)
                .timeout(Duration.ofSeconds(10)).build();
        resources.add(client::close);
        return prompt -> {
            StreamResponse<ResponseStreamEvent> response = client.responses().createStreaming(
                    ResponseCreateParams.builder().model(ChatModel.GPT_4O_MINI).input(prompt).build());
            counts.opened.incrementAndGet();
            return response.stream().onClose(response::close).onClose(counts.closed::incrementAndGet);
        };
    }

    private static String text(List<ResponseStreamEvent> events) {
        return events.stream().flatMap(event -> event.outputTextDelta().stream()).map(delta -> delta.delta())
                .collect(Collectors.joining());
    }

    @Test
    void happyPath_theWholeAnswer_itsPreambleFirst() throws Exception {
        Opened counts = new Opened();
        FallbackChain<String, ResponseStreamEvent> chain = FallbackChain.<String, ResponseStreamEvent>builder()
                .streamingProvider("openai", provider(fake(Behaviour.answer()), counts)).build();

        List<ResponseStreamEvent> events;
        try (Stream<ResponseStreamEvent> answer = chain.stream(PROMPT)) {
            events = answer.collect(Collectors.toList());
        }

        assertThat(events.get(0).isCreated()).isTrue();
        assertThat(events.get(1).isInProgress()).isTrue();
        assertThat(events.get(events.size() - 1).isCompleted()).isTrue();
        assertThat(text(events)).isEqualTo(ANSWER);
        assertThat(counts.allClosed()).isTrue();
    }

    @Test
    void errorEventAfterThePreamble_fallsOverToTheNextProvidersStream_theFirstClosed() throws Exception {
        FakeProvider primary = fake(Behaviour.streamError(503));
        Opened first = new Opened();
        Opened second = new Opened();
        FallbackChain<String, ResponseStreamEvent> chain = FallbackChain.<String, ResponseStreamEvent>builder()
                .streamingProvider("primary", provider(primary, first))
                .streamingProvider("secondary", provider(fake(Behaviour.answer()), second))
                .build();

        List<ResponseStreamEvent> events;
        try (Stream<ResponseStreamEvent> answer = chain.stream(PROMPT)) {
            events = answer.collect(Collectors.toList());
        }

        assertThat(text(events)).isEqualTo(ANSWER);
        assertThat(events.stream().filter(ResponseStreamEvent::isCreated).count())
                .as("the failed stream's response.created was never emitted").isEqualTo(1);
        FallbackTrace trace = FallbackTrace.current();
        assertThat(trace.attempts()).extracting(Attempt::outcome).containsExactly(Outcome.FAILED, Outcome.SUCCEEDED);
        assertThat(trace.attempts().get(0).failure())
                .hasMessage("OpenAI Responses stream sent an error event (server_error)");
        assertThat(primary.requestCount()).isEqualTo(1);
        assertThat(first.opened).hasValue(1);
        assertThat(first.allClosed()).as("the abandoned Responses stream was closed").isTrue();
        assertThat(second.allClosed()).isTrue();
    }

    @Test
    void errorEventAfterOutputDeltas_isStreamInterrupted_theErrorEventNotPassedOnAsAnElement() throws Exception {
        Opened first = new Opened();
        Opened second = new Opened();
        FallbackChain<String, ResponseStreamEvent> chain = FallbackChain.<String, ResponseStreamEvent>builder()
                .streamingProvider("primary", provider(fake(Behaviour.streamErrorAfter(3, 503)), first))
                .streamingProvider("secondary", provider(fake(Behaviour.answer()), second))
                .build();
        List<ResponseStreamEvent> received = new ArrayList<>();

        Stream<ResponseStreamEvent> answer = chain.stream(PROMPT);
        Throwable thrown = catchThrowable(() -> answer.forEach(received::add));

        assertThat(text(received)).isEqualTo("[fake openai] Providers");
        assertThat(received).noneMatch(ResponseStreamEvent::isError);
        assertThat(thrown).isInstanceOf(StreamInterruptedException.class)
                .hasMessageStartingWith("stream from primary interrupted after " + received.size() + " elements");
        assertThat(thrown.getCause()).hasMessage("OpenAI Responses stream sent an error event (server_error)");
        assertThat(second.opened).as("never another provider's answer after the commit").hasValue(0);
        assertThat(first.allClosed()).isTrue();
    }

    @Test
    void rateLimitedErrorEvent_isMovedOnFrom_asA429() throws Exception {
        Opened first = new Opened();
        FallbackChain<String, ResponseStreamEvent> chain = FallbackChain.<String, ResponseStreamEvent>builder()
                .streamingProvider("primary", provider(fake(Behaviour.streamError(429)), first))
                .streamingProvider("secondary", provider(fake(Behaviour.answer()), new Opened()))
                .build();

        try (Stream<ResponseStreamEvent> answer = chain.stream(PROMPT)) {
            assertThat(text(answer.collect(Collectors.toList()))).isEqualTo(ANSWER);
        }
        assertThat(FallbackTrace.current().summary(0)).hasValueSatisfying(summary -> assertThat(summary).contains("429"));
        assertThat(first.allClosed()).isTrue();
    }
}
