package dev.llmfallback.benchmarks.outage;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.benchmarks.ctw.RecommendedSummarizer;
import dev.llmfallback.examples.fake.Behaviour;
import dev.llmfallback.examples.fake.FakeProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Time to an answer during an outage: the real anthropic-java and openai-java clients, over real HTTP on
 * loopback, against the fake provider servers of fallback-examples. Anthropic is the primary and has the
 * outage; OpenAI answers every request after {@value #ANSWER_MILLIS} ms.
 *
 * <p>Scenarios: the primary answers 529 {@code overloaded_error} at once; the primary hangs (reads the
 * request, never answers); the primary answers 429 with {@code retry-after: 2}. Configurations:
 * <ol type="a">
 *   <li>the Anthropic SDK alone, at its default settings (2 retries in place with back-off, honouring
 *       {@code retry-after}; 10 minutes' timeout);</li>
 *   <li>a naive hand-written loop: Anthropic, and on any exception OpenAI, both SDKs at their defaults;</li>
 *   <li>llm-fallback as the README recommends ({@link RecommendedSummarizer}: SDKs with
 *       {@code maxRetries(0)} and a 10 s timeout, {@code timeout = "10s"} per remote link,
 *       {@code deadline = "30s"}).</li>
 * </ol>
 * Each run sends requests at a fixed rate ({@value #RATE_PER_SECOND}/s for {@value #SECONDS} s), each from
 * its own thread; time to answer runs from the request's scheduled start (so a slow answer never delays the
 * next request's clock). A request not answered within the budget ({@value #BUDGET_SECONDS} s) counts as
 * "no answer within budget" and is abandoned (the fake servers are then closed, which ends it).
 *
 * <pre>java -cp CLASSPATH dev.llmfallback.benchmarks.outage.OutageBenchmark [--out DIR] [--quick]</pre>
 * Writes {@code outage.md} (the table) and {@code outage.svg} (time to answer per request) to DIR.
 */
public final class OutageBenchmark {

    static final int RATE_PER_SECOND = 10;
    static final int SECONDS = 3;
    static final int BUDGET_SECONDS = 30;
    static final int ANSWER_MILLIS = 50;
    static final int RETRY_AFTER_SECONDS = 2;
    private static final String PROMPT = "Summarise the incident report. The primary provider is down.";

    /** What the primary does. */
    enum Scenario {
        OVERLOADED("primary errors fast (529 overloaded)", Behaviour.overloaded()),
        HANGS("primary hangs (never answers)", Behaviour.hang()),
        RATE_LIMITED("primary rate-limits (429, retry-after: " + RETRY_AFTER_SECONDS + ")",
                Behaviour.rateLimited(Duration.ofSeconds(RETRY_AFTER_SECONDS)));

        final String label;
        final Behaviour primary;

        Scenario(String label, Behaviour primary) {
            this.label = label;
            this.primary = primary;
        }
    }

    /** How the application calls. */
    enum Config {
        SDK_ALONE("(a) Anthropic SDK alone, defaults"),
        NAIVE_LOOP("(b) hand-written loop, SDK defaults"),
        LLM_FALLBACK("(c) llm-fallback, README settings");

        final String label;

        Config(String label) {
            this.label = label;
        }
    }

    /** One request's outcome. */
    static final class Outcome {
        final boolean answered;
        /** Time to the answer, or to the failure, or the budget: milliseconds. */
        final double millis;
        /** What ended it when it did not answer: an exception's simple name, or "no answer within budget". */
        final String failure;

        Outcome(boolean answered, double millis, String failure) {
            this.answered = answered;
            this.millis = millis;
            this.failure = failure;
        }
    }

    /** One (scenario, configuration) run. */
    static final class Run {
        final Scenario scenario;
        final Config config;
        final List<Outcome> outcomes;

        Run(Scenario scenario, Config config, List<Outcome> outcomes) {
            this.scenario = scenario;
            this.config = config;
            this.outcomes = outcomes;
        }
    }

    private final int rate;
    private final int seconds;
    private final int budgetSeconds;

    private OutageBenchmark(boolean quick) {
        this.rate = quick ? 5 : RATE_PER_SECOND;
        this.seconds = quick ? 1 : SECONDS;
        this.budgetSeconds = quick ? 12 : BUDGET_SECONDS;
    }

    /**
     * Runs every scenario with every configuration, then writes the table and the plot.
     *
     * @param args {@code --out DIR} (default target/outage), {@code --quick} for a short smoke run
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Path out = Paths.get("target", "outage");
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out": out = Paths.get(args[++i]); break;
                case "--quick": quick = true; break;
                default: throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Files.createDirectories(out);
        OutageBenchmark benchmark = new OutageBenchmark(quick);
        benchmark.warmUp();
        List<Run> runs = new ArrayList<>();
        for (Scenario scenario : Scenario.values()) {
            for (Config config : Config.values()) {
                long started = System.nanoTime();
                Run run = benchmark.run(scenario, config);
                runs.add(run);
                System.out.printf(Locale.ROOT, "%-45s %-38s answered %d/%d (%.0f s)%n", scenario.label,
                        config.label, run.outcomes.stream().filter(o -> o.answered).count(), run.outcomes.size(),
                        (System.nanoTime() - started) / 1e9);
            }
        }
        String header = "<!-- generated by OutageBenchmark on " + LocalDate.now() + ", JDK "
                + System.getProperty("java.runtime.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs" + (quick ? ", QUICK smoke run: not for publishing" : "") + " -->\n\n";
        String table = header + Report.table(runs, benchmark.rate, benchmark.seconds, benchmark.budgetSeconds);
        Files.write(out.resolve(quick ? "outage-quick.md" : "outage.md"), table.getBytes(StandardCharsets.UTF_8));
        Files.write(out.resolve(quick ? "outage-quick.svg" : "outage.svg"),
                Report.svg(runs, benchmark.budgetSeconds).getBytes(StandardCharsets.UTF_8));
        System.out.println(table);
        System.out.println("written to " + out.toAbsolutePath());
        System.exit(0); // abandoned SDK calls of the SDK-default runs may still sit in their 10-minute timeout
    }

    /** Class loading, SDK start-up and JIT of every path, with both providers answering; not measured. */
    private void warmUp() throws Exception {
        try (FakeProvider anthropic = FakeProvider.anthropic(Behaviour.answer());
             FakeProvider openAi = FakeProvider.openAi(Behaviour.answer())) {
            for (Config config : Config.values()) {
                Clients clients = new Clients(config, anthropic, openAi);
                try {
                    for (int i = 0; i < 30; i++) {
                        clients.call.apply(PROMPT);
                    }
                    anthropic.behave(Behaviour.overloaded());
                    for (int i = 0; i < 10 && config != Config.SDK_ALONE; i++) {
                        clients.call.apply(PROMPT);
                    }
                    anthropic.behave(Behaviour.answer());
                } finally {
                    clients.close();
                }
            }
        }
    }

    private Run run(Scenario scenario, Config config) throws InterruptedException {
        int requests = rate * seconds;
        Outcome[] outcomes = new Outcome[requests];
        FakeProvider anthropic = FakeProvider.anthropic(scenario.primary);
        FakeProvider openAi = FakeProvider.openAi(Behaviour.answer(Duration.ofMillis(ANSWER_MILLIS)));
        Clients clients = new Clients(config, anthropic, openAi);
        ExecutorService callers = Executors.newCachedThreadPool(daemon("caller"));
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(daemon("clock"));
        CountDownLatch done = new CountDownLatch(requests);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        try {
            for (int i = 0; i < requests; i++) {
                int index = i;
                long scheduled = start + i * periodNanos;
                clock.schedule(() -> callers.execute(() -> {
                    Outcome outcome;
                    try {
                        String answer = clients.call.apply(PROMPT);
                        outcome = new Outcome(answer != null, (System.nanoTime() - scheduled) / 1e6, null);
                    } catch (Throwable failure) { // the SDKs throw checked exceptions sneakily (Kotlin)
                        outcome = new Outcome(false, (System.nanoTime() - scheduled) / 1e6,
                                failure.getClass().getSimpleName());
                    }
                    outcomes[index] = outcome;
                    done.countDown();
                }), scheduled - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            long lastScheduled = start + (requests - 1) * periodNanos;
            long waitNanos = lastScheduled + TimeUnit.SECONDS.toNanos(budgetSeconds) - System.nanoTime();
            done.await(waitNanos, TimeUnit.NANOSECONDS);
        } finally {
            clock.shutdownNow();
            // Ends what still waits (a hanging primary under the SDK's 10-minute timeout) by closing its server.
            anthropic.close();
            openAi.close();
            clients.close();
            callers.shutdownNow();
        }
        List<Outcome> list = new ArrayList<>(requests);
        for (int i = 0; i < requests; i++) {
            Outcome outcome = outcomes[i];
            // Answered after the budget, or still running at its end: no answer within the budget.
            if (outcome == null || outcome.millis > budgetSeconds * 1000.0) {
                outcome = new Outcome(false, budgetSeconds * 1000.0, "no answer within budget");
            }
            list.add(outcome);
        }
        return new Run(scenario, config, list);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The SDK clients of one configuration and the call it makes. */
    private static final class Clients {
        final AnthropicClient anthropic;
        final OpenAIClient openAi;
        final UnaryOperator<String> call;

        Clients(Config config, FakeProvider anthropicFake, FakeProvider openAiFake) {
            AnthropicOkHttpClient.Builder anthropicBuilder = AnthropicOkHttpClient.builder()
                    .baseUrl(anthropicFake.baseUrl()).apiKey("sk-fake-anthropic");
            OpenAIOkHttpClient.Builder openAiBuilder = OpenAIOkHttpClient.builder()
                    .baseUrl(openAiFake.baseUrl()).apiKey("sk-fake-openai");
            if (config == Config.LLM_FALLBACK) {
                // README, "Recommended SDK settings, beside ours": no retries in place; the SDK's timeout equal
                // to ours (ours moves on, the SDK's frees its connection).
                anthropicBuilder.maxRetries(0).timeout(Duration.ofSeconds(10));
                openAiBuilder.maxRetries(0).timeout(Duration.ofSeconds(10));
            }
            anthropic = anthropicBuilder.build();
            openAi = openAiBuilder.build();
            switch (config) {
                case SDK_ALONE:
                    call = prompt -> RecommendedSummarizer.anthropic(anthropic, prompt);
                    break;
                case NAIVE_LOOP:
                    call = prompt -> {
                        try {
                            return RecommendedSummarizer.anthropic(anthropic, prompt);
                        } catch (RuntimeException primaryFailed) {
                            return RecommendedSummarizer.openAi(openAi, prompt);
                        }
                    };
                    break;
                default:
                    RecommendedSummarizer summarizer = new RecommendedSummarizer(anthropic, openAi);
                    call = prompt -> {
                        String answer = summarizer.callAnthropic(prompt);
                        if (FallbackTrace.current().attempts().isEmpty()) {
                            throw new IllegalStateException("RecommendedSummarizer is not woven");
                        }
                        return answer;
                    };
                    break;
            }
        }

        void close() {
            anthropic.close();
            openAi.close();
        }
    }
}
