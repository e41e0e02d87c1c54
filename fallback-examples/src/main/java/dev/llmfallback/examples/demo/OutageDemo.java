package dev.llmfallback.examples.demo;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.Timeout;
import com.openai.client.OpenAIClient;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.ProviderHealth;
import dev.llmfallback.examples.fake.FakeProvider;
import dev.llmfallback.examples.sdk.Endpoint;
import dev.llmfallback.examples.sdk.ProviderClients;
import dev.llmfallback.examples.sdk.Summarizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The outage of SPEC §1, replayed: local fake Anthropic and OpenAI servers follow {@link Incident#standard()}
 * while requests arrive at a steady rate and are served by {@link Summarizer}, through the real SDKs. One
 * line per request, then a summary (docs/DEMO.md explains it). Exit status 0 when every request was
 * answered, 1 when one was not, 2 when the Summarizer was not woven (no agent).
 *
 * <p>Run it with {@code mvn -q -B -pl fallback-examples -am -DskipTests -Pdemo verify}, which starts this
 * class under the java agent.
 */
public final class OutageDemo {

    /** The SDK timeout in the demo: a hang costs 1 s here (8 s in {@link ProviderClients#RECOMMENDED_TIMEOUT}). */
    static final Duration DEMO_SDK_TIMEOUT = Duration.ofSeconds(1);

    private static final int CALLERS = 32;

    /** The providers the request served on this thread probed. */
    private static final ThreadLocal<Set<String>> PROBED = new ThreadLocal<>();
    private static final int ANTHROPIC_DEFAULT_RETRIES = 2;

    private static final String[] TEXTS = {
        "Providers go down. When the primary LLM provider is rate-limited or overloaded, an application that "
                + "calls only that provider fails with it. A second provider, or a small local model, could "
                + "still have answered. That is the problem a fallback chain solves.",
        "The status page says all systems are operational. Meanwhile requests time out after ten minutes, "
                + "because nobody set a timeout. Users retry, which makes the overload worse. A per-attempt "
                + "timeout and a second provider would have kept the feature alive.",
        "Rate limits are per organisation and per model. A burst of traffic exhausts them within seconds, "
                + "and the provider answers 429 with a retry-after header. Waiting is one option; asking "
                + "another provider is usually the faster one.",
    };

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
        System.exit(DemoMetrics.around(console, () -> run(Incident.standard(), console, DEMO_SDK_TIMEOUT)));
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
        ProviderHealth.shared().resetAll();
        AutoCloseable probes = ProviderHealth.shared().onTransition(OutageDemo::noteProbe);

        ConcurrentLinkedQueue<Served> done = new ConcurrentLinkedQueue<>();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(daemon("demo-clock"));
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS, daemon("demo-caller"));
        List<CompletableFuture<Void>> requests = new ArrayList<>();
        console.println("");
        console.println(console.paint(String.format(Locale.ROOT, "%8s %5s %9s  %s", "time", "req", "latency",
                "attempts"), Console.Colour.DIM));
        long start = System.nanoTime();
        try {
            // Phases are scheduled before requests, so a phase that starts when a request is sent comes first.
            for (Incident.Phase phase : incident.phases()) {
                clock.schedule(() -> {
                    anthropic.behave(phase.anthropic());
                    openAi.behave(phase.openAi());
                    console.println(banner(console, phase));
                }, phase.at().toNanos(), TimeUnit.NANOSECONDS);
            }
            for (int i = 0; i < incident.requests(); i++) {
                int number = i + 1;
                Duration due = incident.interval().multipliedBy(i);
                CompletableFuture<Void> request = new CompletableFuture<>();
                requests.add(request);
                clock.schedule(() -> callers.execute(() -> {
                    try {
                        Served result = serve(summarizer, number, start, TEXTS[number % TEXTS.length]);
                        done.add(result);
                        console.println(line(console, result));
                    } finally {
                        request.complete(null);
                    }
                }), due.toNanos(), TimeUnit.NANOSECONDS);
            }
            CompletableFuture.allOf(requests.toArray(new CompletableFuture<?>[0])).join();
        } finally {
            clock.shutdownNow();
            callers.shutdownNow();
            closeQuietly(probes);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Report report = new Report(new ArrayList<>(done), elapsed, Timeout.builder().build().request(), ANTHROPIC_DEFAULT_RETRIES);
        console.println("");
        report.lines(console, List.of("anthropic", "openai", "local")).forEach(console::println);
        ProviderHealth.shared().resetAll();
        return report.allAnswered() ? 0 : 1;
    }

    // The first call through each SDK loads a few thousand classes; do it before the clock starts, and check
    // on the way that the chain is woven at all.
    private static boolean warmUp(Summarizer summarizer, Console console) throws InterruptedException {
        long start = System.nanoTime();
        CompletableFuture<Integer> openAi = CompletableFuture.supplyAsync(() -> {
            summarizer.callOpenAi(TEXTS[0]);
            return FallbackTrace.current().attempts().size();
        });
        summarizer.callAnthropic(TEXTS[0]);
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

    static Served serve(Summarizer summarizer, int number, long incidentStart, String text) {
        long start = System.nanoTime();
        Duration sentAt = Duration.ofNanos(start - incidentStart);
        Throwable failure = null;
        Set<String> probed = new HashSet<>();
        PROBED.set(probed);
        try {
            summarizer.callAnthropic(text);
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            PROBED.remove();
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        return new Served(number, sentAt, latency, FallbackTrace.current(), probed, failure);
    }

    // A chain lets a probe through on the thread that calls it, and the transition to PROBING is reported on
    // that thread: so the request being served on this thread is the probe.
    private static void noteProbe(ProviderHealth.Transition transition) {
        Set<String> probed = PROBED.get();
        if (probed != null && transition.to() == ProviderHealth.Status.PROBING) {
            probed.add(transition.provider());
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Unregistering a listener does not fail; nothing to report at the end of the demo.
        }
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

    static String banner(Console console, Incident.Phase phase) {
        return console.paint(console.rule(2) + " " + Report.seconds(phase.at()) + "  " + phase.headline() + " "
                + console.rule(2), Console.Colour.BOLD);
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
