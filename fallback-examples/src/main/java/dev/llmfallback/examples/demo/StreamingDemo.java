package dev.llmfallback.examples.demo;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.Timeout;
import com.openai.client.OpenAIClient;
import dev.llmfallback.Attempt;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.StreamInterruptedException;
import dev.llmfallback.examples.fake.FakeProvider;
import dev.llmfallback.examples.sdk.Endpoint;
import dev.llmfallback.examples.sdk.ProviderClients;
import dev.llmfallback.examples.sdk.StreamingSummarizer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The outage demo streaming ({@code -Dllmfallback.demo.stream=true}): {@link Incident#streaming(int)}, the same
 * incident with Anthropic's failures in their streaming forms, replayed while every request streams its
 * summary through {@link StreamingSummarizer} (a {@code FallbackChain} of streaming providers over both SDKs'
 * {@code createStreaming}). One line per request with its time to first token, its whole time and the
 * chain's path, then the summary, in which the percentiles are of the time to first token. Last, a check
 * that no stream was left open: the fakes count the stalled streams a client has not closed. Exit status 0
 * when every request was answered and no stream was left open, 1 otherwise.
 */
final class StreamingDemo {

    /** The SDKs' request timeout here: a streamed answer keeps its connection while it streams. */
    static final Duration WHOLE_ANSWER = Duration.ofSeconds(30);

    /** How long the fakes may take to notice that a client closed a stalled stream. */
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private static final int ANTHROPIC_DEFAULT_RETRIES = 2;
    private static final String COLUMNS = "%8s %5s %10s %9s  %s";

    private StreamingDemo() {
    }

    /**
     * Runs the streaming demo.
     *
     * @param incident   the script, e.g. {@link Incident#streaming(int)}
     * @param console    where it writes
     * @param firstToken each remote provider's first-token timeout, and the SDKs' read timeout
     * @return the exit status
     * @throws InterruptedException if interrupted while waiting for requests
     */
    static int run(Incident incident, Console console, Duration firstToken) throws InterruptedException {
        Incident.Phase healthy = incident.phases().get(0);
        try (FakeProvider anthropic = FakeProvider.anthropic(healthy.anthropic());
             FakeProvider openAi = FakeProvider.openAi(healthy.openAi())) {
            AnthropicClient anthropicClient = ProviderClients.anthropicStreaming(
                    Endpoint.of(anthropic, Endpoint.DEFAULT_ANTHROPIC_MODEL), firstToken, WHOLE_ANSWER);
            OpenAIClient openAiClient = ProviderClients.openAiStreaming(
                    Endpoint.of(openAi, Endpoint.DEFAULT_OPENAI_MODEL), firstToken, WHOLE_ANSWER);
            try {
                StreamingSummarizer summarizer = new StreamingSummarizer(anthropicClient,
                        Endpoint.DEFAULT_ANTHROPIC_MODEL, openAiClient, Endpoint.DEFAULT_OPENAI_MODEL, firstToken);
                return replay(incident, console, summarizer, anthropic, openAi, firstToken);
            } finally {
                anthropicClient.close();
                openAiClient.close();
            }
        }
    }

    private static int replay(Incident incident, Console console, StreamingSummarizer summarizer,
                              FakeProvider anthropic, FakeProvider openAi, Duration firstToken)
            throws InterruptedException {
        console.println(console.paint("llm-fallback outage demo, streaming", Console.Colour.BOLD)
                + ": StreamingSummarizer, a FallbackChain of streaming providers anthropic " + console.arrow()
                + " openai " + console.arrow() + " local, over createStreaming of the real anthropic-java and "
                + "openai-java SDKs, fake servers " + anthropic.baseUrl() + " and " + openAi.baseUrl());
        console.println("a request every " + incident.interval().toMillis() + " ms for "
                + Report.seconds(incident.length()) + "; first-token timeout " + firstToken.toMillis()
                + " ms per provider (the SDKs' read timeout too), maxRetries(0)");
        warmUp(summarizer, console);
        console.println("provider health: OutageCooldown on anthropic and openai (a provider that failed is "
                + "skipped while it cools; one request at a time probes it)");
        Replay.Result result = Replay.play(incident, console, String.format(Locale.ROOT, COLUMNS, "time", "req",
                "1st token", "total", "attempts"), anthropic, openAi,
                (number, sentAt, text, probed) -> serve(summarizer, number, sentAt, text, probed),
                served -> line(console, served));
        Report report = new Report(result.served(), result.elapsed(), Timeout.builder().build().request(),
                ANTHROPIC_DEFAULT_RETRIES, true);
        console.println("");
        report.lines(console, List.of("anthropic", "openai", "local")).forEach(console::println);
        long abandoned = result.served().stream().flatMap(served -> served.attempts().stream())
                .filter(attempt -> attempt.outcome() == Attempt.Outcome.TIMED_OUT).count();
        console.println("");
        boolean closed = noStreamLeftOpen(console, abandoned, SETTLE, anthropic, openAi);
        return report.allAnswered() && closed ? 0 : 1;
    }

    // The first streams through each SDK load a few thousand classes; read one from each before the clock
    // starts, and one through the chain.
    private static void warmUp(StreamingSummarizer summarizer, Console console) {
        long start = System.nanoTime();
        CompletableFuture<String> openAi = CompletableFuture.supplyAsync(
                () -> read(summarizer.streamOpenAi(Replay.TEXTS[0])));
        read(summarizer.streamAnthropic(Replay.TEXTS[0]));
        openAi.join();
        try (Stream<Object> events = summarizer.stream(Replay.TEXTS[0])) {
            read(events);
        } catch (Exception e) {
            throw new IllegalStateException("the streaming chain failed while every provider was healthy", e);
        }
        console.println(console.paint("SDK clients warmed up in " + Report.millis(Duration.ofNanos(System.nanoTime()
                - start)), Console.Colour.DIM));
    }

    private static String read(Stream<?> events) {
        try (events) {
            return events.map(StreamingSummarizer::text).collect(Collectors.joining());
        }
    }

    /**
     * Streams one summary to its end, as an application showing it token by token would, timing its first
     * token.
     */
    static Served serve(StreamingSummarizer summarizer, int number, Duration sentAt, String text,
                        Set<String> probed) {
        long start = System.nanoTime();
        Duration firstToken = null;
        Throwable failure = null;
        FallbackTrace trace = null;
        try (Stream<Object> events = summarizer.stream(text)) {
            trace = FallbackTrace.of(events);
            for (Iterator<Object> it = events.iterator(); it.hasNext(); ) {
                String token = StreamingSummarizer.text(it.next());
                if (firstToken == null && !token.isEmpty()) {
                    firstToken = Duration.ofNanos(System.nanoTime() - start);
                }
            }
        } catch (StreamInterruptedException e) {
            failure = e;
            trace = e.trace();
        } catch (Exception e) {
            failure = e;
            if (trace == null) {
                trace = FallbackTrace.current();
            }
        }
        Duration total = Duration.ofNanos(System.nanoTime() - start);
        return new Served(number, sentAt, total, trace, probed, failure, firstToken);
    }

    static String line(Console console, Served served) {
        String path = served.path(console);
        if (served.failure() != null) {
            path += " " + console.paint(console.cross() + " " + served.failure().getClass().getSimpleName(),
                    Console.Colour.RED);
        }
        return String.format(Locale.ROOT, COLUMNS, Report.seconds(served.sentAt()), "#" + served.number(),
                served.firstToken() == null ? "-" : Report.millis(served.firstToken()), Report.millis(served.latency()),
                path);
    }

    // A stream the chain abandoned and did not close would keep its connection, and a stalled one keeps its
    // fake writing keep-alives: each fake counts those still open. It notices a close at its next keep-alive,
    // tens of milliseconds later, so the count is read once it has settled (waiting at most settle).
    static boolean noStreamLeftOpen(Console console, long abandoned, Duration settle, FakeProvider... fakes)
            throws InterruptedException {
        long until = System.nanoTime() + settle.toNanos();
        int open = open(fakes);
        while (open > 0 && System.nanoTime() < until) {
            Thread.sleep(10);
            open = open(fakes);
        }
        String timedOut = abandoned + (abandoned == 1 ? " stream" : " streams") + " abandoned at the first-token "
                + "timeout";
        if (open == 0) {
            console.println("streams: " + console.paint("none left open", Console.Colour.GREEN) + " (" + timedOut
                    + "; every stream the chain abandoned was closed: the fakes see 0 open)");
            return true;
        }
        console.println("streams: " + console.paint(open + " left open on the fakes", Console.Colour.RED) + " ("
                + timedOut + "; a stream the chain abandoned was not closed)");
        return false;
    }

    private static int open(FakeProvider... fakes) {
        int open = 0;
        for (FakeProvider fake : fakes) {
            open += fake.openStreams();
        }
        return open;
    }
}
