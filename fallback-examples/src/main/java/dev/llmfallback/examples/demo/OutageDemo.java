package dev.llmfallback.examples.demo;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.Timeout;
import com.openai.client.OpenAIClient;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.examples.fake.FakeProvider;
import dev.llmfallback.examples.sdk.Endpoint;
import dev.llmfallback.examples.sdk.ProviderClients;
import dev.llmfallback.examples.sdk.Summarizer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The outage of SPEC §1, replayed: local fake Anthropic and OpenAI servers follow {@link Incident#standard()}
 * while requests arrive at a steady rate and are served by {@link Summarizer}, through the real SDKs. One
 * line per request, then a summary (docs/DEMO.md explains it). Exit status 0 when every request was
 * answered, 1 when one was not, 2 when the Summarizer was not woven (no agent).
 *
 * <p>Run it with {@code mvn -q -B -pl fallback-examples -am -DskipTests -Pdemo verify}, which starts this
 * class under the java agent; with {@code -Dllmfallback.demo.stream=true} it streams instead
 * ({@link StreamingDemo}).
 */
public final class OutageDemo {

    /** The SDK timeout in the demo: a hang costs 1 s here (8 s in {@link ProviderClients#RECOMMENDED_TIMEOUT}). */
    static final Duration DEMO_SDK_TIMEOUT = Duration.ofSeconds(1);

    /** The system property that switches the demo to streaming ({@link StreamingDemo}). */
    static final String STREAM_PROPERTY = "llmfallback.demo.stream";

    private static final int ANTHROPIC_DEFAULT_RETRIES = 2;

    private OutageDemo() {
    }

    /**
     * Runs the demo and exits with its status.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting for requests
     */
    public static void main(String[] args) throws InterruptedException {
        Console console = Console.system(System.getenv());
        boolean stream = Boolean.getBoolean(STREAM_PROPERTY);
        System.exit(DemoMetrics.around(console, () -> stream
                ? StreamingDemo.run(Incident.streaming(1), console, DEMO_SDK_TIMEOUT)
                : run(Incident.standard(), console, DEMO_SDK_TIMEOUT)));
    }

    static int run(Incident incident, Console console, Duration sdkTimeout) throws InterruptedException {
        Incident.Phase healthy = incident.phases().get(0);
        try (FakeProvider anthropic = FakeProvider.anthropic(healthy.anthropic());
             FakeProvider openAi = FakeProvider.openAi(healthy.openAi())) {
            AnthropicClient anthropicClient = ProviderClients.anthropic(
                    Endpoint.of(anthropic, Endpoint.DEFAULT_ANTHROPIC_MODEL), sdkTimeout);
            OpenAIClient openAiClient = ProviderClients.openAi(
                    Endpoint.of(openAi, Endpoint.DEFAULT_OPENAI_MODEL), sdkTimeout);
            try {
                Summarizer summarizer = new Summarizer(anthropicClient, Endpoint.DEFAULT_ANTHROPIC_MODEL,
                        openAiClient, Endpoint.DEFAULT_OPENAI_MODEL);
                return replay(incident, console, summarizer, anthropic, openAi, sdkTimeout);
            } finally {
                anthropicClient.close();
                openAiClient.close();
            }
        }
    }

    private static int replay(Incident incident, Console console, Summarizer summarizer, FakeProvider anthropic,
                              FakeProvider openAi, Duration sdkTimeout) throws InterruptedException {
        console.println(console.paint("llm-fallback outage demo", Console.Colour.BOLD) + ": Summarizer.callAnthropic "
                + console.arrow() + " callOpenAi " + console.arrow() + " callLocal, real anthropic-java and "
                + "openai-java SDKs, fake servers " + anthropic.baseUrl() + " and " + openAi.baseUrl());
        console.println("a request every " + incident.interval().toMillis() + " ms for "
                + Report.seconds(incident.length()) + "; SDK timeout " + sdkTimeout.toMillis()
                + " ms, maxRetries(0)");
        if (!warmUp(summarizer, console)) {
            return 2;
        }
        console.println("provider health: OutageCooldown on anthropic and openai (a provider that failed is "
                + "skipped while it cools; one request at a time probes it)");
        Replay.Result result = Replay.play(incident, console, String.format(Locale.ROOT, "%8s %5s %9s  %s", "time",
                "req", "latency", "attempts"), anthropic, openAi,
                (number, sentAt, text, probed) -> serve(summarizer, number, sentAt, text, probed),
                served -> line(console, served));
        Report report = new Report(result.served(), result.elapsed(), Timeout.builder().build().request(),
                ANTHROPIC_DEFAULT_RETRIES);
        console.println("");
        report.lines(console, List.of("anthropic", "openai", "local")).forEach(console::println);
        return report.allAnswered() ? 0 : 1;
    }

    // The first call through each SDK loads a few thousand classes; do it before the clock starts, and check
    // on the way that the chain is woven at all.
    private static boolean warmUp(Summarizer summarizer, Console console) throws InterruptedException {
        long start = System.nanoTime();
        CompletableFuture<Integer> openAi = CompletableFuture.supplyAsync(() -> {
            summarizer.callOpenAi(Replay.TEXTS[0]);
            return FallbackTrace.current().attempts().size();
        });
        summarizer.callAnthropic(Replay.TEXTS[0]);
        int anthropicAttempts = FallbackTrace.current().attempts().size();
        int openAiAttempts = openAi.join();
        if (anthropicAttempts == 0 || openAiAttempts == 0) {
            console.println(console.paint("Summarizer is not woven: no chain ran. Start the JVM with "
                    + "-javaagent:fallback-weaver-VERSION-agent.jar (mvn -Pdemo does).", Console.Colour.RED));
            return false;
        }
        console.println(console.paint("SDK clients warmed up in " + Report.millis(Duration.ofNanos(System.nanoTime() - start))
                + "; the chain is woven", Console.Colour.DIM));
        return true;
    }

    static Served serve(Summarizer summarizer, int number, Duration sentAt, String text, Set<String> probed) {
        long start = System.nanoTime();
        Throwable failure = null;
        try {
            summarizer.callAnthropic(text);
        } catch (RuntimeException e) {
            failure = e;
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        return new Served(number, sentAt, latency, FallbackTrace.current(), probed, failure);
    }

    static String line(Console console, Served served) {
        String path = served.path(console);
        if (served.failure() != null) {
            path += " " + console.paint(console.cross() + " " + served.failure().getClass().getSimpleName(),
                    Console.Colour.RED);
        }
        return String.format(Locale.ROOT, "%8s %5s %9s  %s", Report.seconds(served.sentAt()),
                "#" + served.number(), Report.millis(served.latency()), path);
    }
}
