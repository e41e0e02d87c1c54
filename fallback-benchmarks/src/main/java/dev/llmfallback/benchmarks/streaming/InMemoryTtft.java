package dev.llmfallback.benchmarks.streaming;

import com.anthropic.core.ObjectMappers;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.llmfallback.FallbackChain;
import dev.llmfallback.FallbackTrace;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to first token on the happy path, in memory: the engine's own cost per stream. A provider's stream is
 * an array of elements already in memory; each benchmark opens it, reads it to its first token (the element
 * that commits a streaming chain), and closes it, as an application that shows the first token would.
 * {@code direct_*} opens the provider's stream itself; {@code chain_*} goes through a two-provider
 * {@link FallbackChain#stream} whose first provider answers.
 *
 * <ul>
 *   <li>{@code *_text}: plain words, no preamble (the commit point commits at the first element);</li>
 *   <li>{@code *_events}: anthropic-java's own {@link RawMessageStreamEvent}s, deserialised once by the SDK's
 *       mapper: {@code message_start} and {@code content_block_start} (the preamble the chain holds back and
 *       replays), then text deltas; the chain's default commit point reads the SDK's event class by name;</li>
 *   <li>{@code chain_events_firstTokenTimeout}: the same with a first-token timeout on the provider, which
 *       runs the attempt on a worker thread, as an attempt with a timeout always runs.</li>
 * </ul>
 * The application's test for "is this a token" is the same on both sides. Every element and answer is a
 * non-final field; each benchmark returns the first token to JMH.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class InMemoryTtft {

    private static final String[] EVENTS_JSON = {
        "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"model\":\"claude-haiku-4-5\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}",
        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Providers\"}}",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\" go\"}}",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\" down.\"}}",
        "{\"type\":\"content_block_stop\",\"index\":0}",
        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
                + "\"usage\":{\"output_tokens\":3}}",
        "{\"type\":\"message_stop\"}",
    };

    private String prompt = "Summarise this.";
    private String[] words = {"Providers", " go", " down."};
    private RawMessageStreamEvent[] events;

    private FallbackChain<String, String> textChain;
    private FallbackChain<String, RawMessageStreamEvent> eventChain;
    private FallbackChain<String, RawMessageStreamEvent> timedEventChain;

    /** Deserialises the events and builds the chains; checks that each chain commits to its first provider. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        events = new RawMessageStreamEvent[EVENTS_JSON.length];
        for (int i = 0; i < events.length; i++) {
            events[i] = ObjectMappers.jsonMapper().readValue(EVENTS_JSON[i], RawMessageStreamEvent.class);
        }
        textChain = FallbackChain.<String, String>builder()
                .streamingProvider("primary", this::openWords)
                .streamingProvider("secondary", this::openWords)
                .build();
        eventChain = FallbackChain.<String, RawMessageStreamEvent>builder()
                .streamingProvider("primary", this::openEvents)
                .streamingProvider("secondary", this::openEvents)
                .build();
        timedEventChain = FallbackChain.<String, RawMessageStreamEvent>builder()
                .streamingProvider("primary", this::openEvents, null, null, Duration.ofSeconds(10))
                .streamingProvider("secondary", this::openEvents, null, null, Duration.ofSeconds(10))
                .build();
        check(chain_text(), "Providers");
        check(text(direct_events()), "Providers");
        check(text(chain_events()), "Providers");
        check(text(chain_events_firstTokenTimeout()), "Providers");
    }

    private static String text(RawMessageStreamEvent event) {
        return event.contentBlockDelta().flatMap(delta -> delta.delta().text()).map(text -> text.text()).orElse(null);
    }

    private static void check(String token, String expected) {
        FallbackTrace trace = FallbackTrace.current();
        if (!expected.equals(token)) {
            throw new IllegalStateException("first token " + token + ", expected " + expected + "; " + trace);
        }
    }

    private Stream<String> openWords(String input) {
        return Arrays.stream(words);
    }

    private Stream<RawMessageStreamEvent> openEvents(String input) {
        return Arrays.stream(events);
    }

    // What the application counts as its first token, the same on both sides.
    private static String firstWord(Stream<String> stream) {
        try (stream) {
            for (Iterator<String> it = stream.iterator(); it.hasNext(); ) {
                String word = it.next();
                if (!word.isEmpty()) {
                    return word;
                }
            }
            return null;
        }
    }

    private static RawMessageStreamEvent firstDelta(Stream<RawMessageStreamEvent> stream) {
        try (stream) {
            for (Iterator<RawMessageStreamEvent> it = stream.iterator(); it.hasNext(); ) {
                RawMessageStreamEvent event = it.next();
                if (event.isContentBlockDelta()) {
                    return event;
                }
            }
            return null;
        }
    }

    /** Plain words, read directly. */
    @Benchmark
    public String direct_text() {
        return firstWord(openWords(prompt));
    }

    /** Plain words through a two-provider streaming chain. */
    @Benchmark
    public String chain_text() throws Exception {
        return firstWord(textChain.stream(prompt));
    }

    /** anthropic-java events, read directly to the first content-block delta. */
    @Benchmark
    public RawMessageStreamEvent direct_events() {
        return firstDelta(openEvents(prompt));
    }

    /** The same events through a two-provider streaming chain (preamble held back, then replayed). */
    @Benchmark
    public RawMessageStreamEvent chain_events() throws Exception {
        return firstDelta(eventChain.stream(prompt));
    }

    /** {@link #chain_events} with a first-token timeout: the attempt runs on a worker thread. */
    @Benchmark
    public RawMessageStreamEvent chain_events_firstTokenTimeout() throws Exception {
        return firstDelta(timedEventChain.stream(prompt));
    }
}
