package dev.llmfallback.benchmarks.streaming;

import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.models.chat.completions.ChatCompletionChunk;
import dev.llmfallback.FallbackChain;
import dev.llmfallback.examples.fake.Behaviour;
import dev.llmfallback.examples.fake.FakeProvider;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to first token on the happy path, for real: the official SDKs' streaming clients
 * ({@code createStreaming}) over HTTP on loopback against the fake provider servers of fallback-examples,
 * which answer at once with the provider's real SSE (preamble, one text delta per word, end). Each benchmark
 * sends a request, reads the stream to its first token and closes it. {@code direct_*} calls the SDK itself;
 * {@code chain_*} goes through a two-provider {@link FallbackChain#stream} whose first provider answers
 * (the second, another fake, is never called); {@code *_firstTokenTimeout} gives each provider a
 * first-token timeout, so the attempt runs on a worker thread. The SDK clients are built once, with
 * {@code maxRetries(0)}, and keep their connections alive between requests, as an application's do.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class LoopbackTtft {

    private static final Duration FIRST_TOKEN_TIMEOUT = Duration.ofSeconds(10);

    private String prompt = "Providers go down mid-stream. Summarise this.";
    private FakeProvider anthropicFake;
    private FakeProvider anthropicSecond;
    private FakeProvider openAiFake;
    private FakeProvider openAiSecond;
    private SdkStreams anthropic;
    private SdkStreams anthropicSpare;
    private SdkStreams openAi;
    private SdkStreams openAiSpare;

    private FallbackChain<String, RawMessageStreamEvent> anthropicChain;
    private FallbackChain<String, RawMessageStreamEvent> anthropicTimedChain;
    private FallbackChain<String, ChatCompletionChunk> openAiChain;
    private FallbackChain<String, ChatCompletionChunk> openAiTimedChain;

    /** Starts the fakes and the SDK clients, builds the chains, and checks every benchmark's first token. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        anthropicFake = FakeProvider.anthropic(Behaviour.answer());
        anthropicSecond = FakeProvider.anthropic(Behaviour.answer());
        openAiFake = FakeProvider.openAi(Behaviour.answer());
        openAiSecond = FakeProvider.openAi(Behaviour.answer());
        anthropic = SdkStreams.of(anthropicFake);
        anthropicSpare = SdkStreams.of(anthropicSecond);
        openAi = SdkStreams.of(openAiFake);
        openAiSpare = SdkStreams.of(openAiSecond);
        anthropicChain = FallbackChain.<String, RawMessageStreamEvent>builder()
                .streamingProvider("anthropic", anthropic::anthropic)
                .streamingProvider("anthropic-2", anthropicSpare::anthropic)
                .build();
        anthropicTimedChain = FallbackChain.<String, RawMessageStreamEvent>builder()
                .streamingProvider("anthropic", anthropic::anthropic, null, null, FIRST_TOKEN_TIMEOUT)
                .streamingProvider("anthropic-2", anthropicSpare::anthropic, null, null, FIRST_TOKEN_TIMEOUT)
                .build();
        openAiChain = FallbackChain.<String, ChatCompletionChunk>builder()
                .streamingProvider("openai", openAi::openAi)
                .streamingProvider("openai-2", openAiSpare::openAi)
                .build();
        openAiTimedChain = FallbackChain.<String, ChatCompletionChunk>builder()
                .streamingProvider("openai", openAi::openAi, null, null, FIRST_TOKEN_TIMEOUT)
                .streamingProvider("openai-2", openAiSpare::openAi, null, null, FIRST_TOKEN_TIMEOUT)
                .build();
        String first = "[fake";
        SdkStreams.expect(SdkStreams.text(direct_anthropic()), first, "direct anthropic");
        SdkStreams.expect(SdkStreams.text(chain_anthropic()), first, "chain anthropic");
        SdkStreams.expect(SdkStreams.text(chain_anthropic_firstTokenTimeout()), first, "timed chain anthropic");
        SdkStreams.expect(SdkStreams.text(direct_openai()), first, "direct openai");
        SdkStreams.expect(SdkStreams.text(chain_openai()), first, "chain openai");
        SdkStreams.expect(SdkStreams.text(chain_openai_firstTokenTimeout()), first, "timed chain openai");
        if (anthropicSecond.requestCount() != 0 || openAiSecond.requestCount() != 0) {
            throw new IllegalStateException("a happy-path chain called its second provider");
        }
    }

    /** Closes the clients and stops the fakes. */
    @TearDown(Level.Trial)
    public void tearDown() {
        for (SdkStreams streams : new SdkStreams[] {anthropic, anthropicSpare, openAi, openAiSpare}) {
            streams.close();
        }
        for (FakeProvider fake : new FakeProvider[] {anthropicFake, anthropicSecond, openAiFake, openAiSecond}) {
            fake.close();
        }
    }

    private static <T> T firstToken(Stream<T> stream) {
        try (stream) {
            for (Iterator<T> it = stream.iterator(); it.hasNext(); ) {
                T event = it.next();
                if (!SdkStreams.text(event).isEmpty()) {
                    return event;
                }
            }
            return null;
        }
    }

    /** anthropic-java {@code createStreaming}, read to its first text delta. */
    @Benchmark
    public RawMessageStreamEvent direct_anthropic() {
        return firstToken(anthropic.anthropic(prompt));
    }

    /** The same through a two-provider streaming chain. */
    @Benchmark
    public RawMessageStreamEvent chain_anthropic() throws Exception {
        return firstToken(anthropicChain.stream(prompt));
    }

    /** The same with a first-token timeout (a worker thread per attempt). */
    @Benchmark
    public RawMessageStreamEvent chain_anthropic_firstTokenTimeout() throws Exception {
        return firstToken(anthropicTimedChain.stream(prompt));
    }

    /** openai-java {@code createStreaming}, read to its first chunk with content. */
    @Benchmark
    public ChatCompletionChunk direct_openai() {
        return firstToken(openAi.openAi(prompt));
    }

    /** The same through a two-provider streaming chain. */
    @Benchmark
    public ChatCompletionChunk chain_openai() throws Exception {
        return firstToken(openAiChain.stream(prompt));
    }

    /** The same with a first-token timeout (a worker thread per attempt). */
    @Benchmark
    public ChatCompletionChunk chain_openai_firstTokenTimeout() throws Exception {
        return firstToken(openAiTimedChain.stream(prompt));
    }
}
