package dev.llmfallback.benchmarks.outage;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.ProviderHealth;
import dev.llmfallback.benchmarks.ctw.CooledSummarizer;
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
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * A sustained outage (issue 11): the primary stays down for the whole run, {@code --seconds} (default 60) at
 * {@code --rate} requests per second (default 10), and the same requests are served by llm-fallback as the
 * README recommends, without provider health and with {@code OutageCooldown}
 * ({@link RecommendedSummarizer} against {@link CooledSummarizer}): the real anthropic-java and openai-java
 * clients over loopback HTTP against the fake servers of fallback-examples, the secondary (OpenAI) answering
 * after {@value #ANSWER_MILLIS} ms. First, the secondary alone, called directly, for its own latency.
 *
 * <p>Per run: the share answered; p50, p99 and max time to answer from each request's scheduled start; the
 * same over the steady state (requests sent from {@code --steady} seconds on, default 15, after the first
 * failures); and how many calls reached the dead provider (its fake server's request count).
 *
 * <pre>java -cp CLASSPATH dev.llmfallback.benchmarks.outage.SustainedOutage [--out DIR] [--name NAME] [--seconds N]
 *     [--rate R] [--steady S] [--only HANGS|OVERLOADED|RATE_LIMITED]</pre>
 * Writes {@code NAME.md} and {@code NAME.svg} (default {@code sustained-outage}) to DIR (default target/outage).
 */
public final class SustainedOutage {

    static final int ANSWER_MILLIS = 50;
    static final int RETRY_AFTER_SECONDS = 2;
    private static final int BUDGET_SECONDS = 31;
    private static final String PROMPT = "Summarise the incident report. The primary provider is down.";

    /** What the primary does, all run long. */
    enum Scenario {
        HANGS("primary hangs (never answers)", Behaviour.hang()),
        OVERLOADED("primary errors fast (529 overloaded)", Behaviour.overloaded()),
        RATE_LIMITED("primary rate-limits (429, retry-after: " + RETRY_AFTER_SECONDS + ")",
                Behaviour.rateLimited(Duration.ofSeconds(RETRY_AFTER_SECONDS)));

        final String label;
        final Behaviour primary;

        Scenario(String label, Behaviour primary) {
            this.label = label;
            this.primary = primary;
        }
    }

    /**
     * One request: when it was sent (s from the start), how long it took (ms), whether it was answered, and if
     * not, what the caller got (an exception's simple name).
     */
    record Sample(double sentSeconds, double millis, boolean answered, String failure) {
    }

    /**
     * One run.
     *
     * @param scenario     the scenario's label, or the secondary-alone baseline's
     * @param config       how the requests were served
     * @param samples      every request, in order of sending
     * @param primaryCalls the requests that reached the primary's server
     */
    record Run(String scenario, String config, List<Sample> samples, long primaryCalls) {
    }

    static final String WITHOUT = "llm-fallback, README settings, no health";
    static final String WITH = "the same + OutageCooldown";
    static final String SECONDARY_ALONE = "the secondary alone (OpenAI called directly)";

    private final int rate;
    private final int seconds;

    private SustainedOutage(int rate, int seconds) {
        this.rate = rate;
        this.seconds = seconds;
    }

    /**
     * Runs the baseline and every scenario with and without health, then writes the table and the plot.
     *
     * @param args {@code --out DIR}, {@code --name NAME}, {@code --seconds N}, {@code --rate R}, {@code --steady S},
     *             {@code --only SCENARIO}
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Path out = Paths.get("target", "outage");
        int seconds = 60;
        int rate = 10;
        int steady = 15;
        Scenario only = null;
        String name = "sustained-outage";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out": out = Paths.get(args[++i]); break;
                case "--seconds": seconds = Integer.parseInt(args[++i]); break;
                case "--rate": rate = Integer.parseInt(args[++i]); break;
                case "--steady": steady = Integer.parseInt(args[++i]); break;
                case "--only": only = Scenario.valueOf(args[++i]); break;
                case "--name": name = args[++i]; break;
                default: throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Files.createDirectories(out);
        SustainedOutage benchmark = new SustainedOutage(rate, seconds);
        benchmark.warmUp();
        List<Run> runs = new ArrayList<>();
        runs.add(benchmark.secondaryAlone());
        report(runs.get(0));
        for (Scenario scenario : Scenario.values()) {
            if (only != null && scenario != only) {
                continue;
            }
            for (String config : List.of(WITHOUT, WITH)) {
                Run run = benchmark.run(scenario, config);
                runs.add(run);
                report(run);
            }
        }
        String header = "<!-- generated by SustainedOutage on " + LocalDate.now() + ", JDK "
                + System.getProperty("java.runtime.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs, " + rate + " requests/s for " + seconds + " s, steady state from " + steady + " s -->\n\n";
        String table = header + SustainedReport.table(runs, steady);
        Files.write(out.resolve(name + ".md"), table.getBytes(StandardCharsets.UTF_8));
        Files.write(out.resolve(name + ".svg"),
                SustainedReport.svg(runs, seconds, steady).getBytes(StandardCharsets.UTF_8));
        System.out.println(table);
        System.out.println("written to " + out.toAbsolutePath());
        System.exit(0);
    }

    private static void report(Run run) {
        System.out.printf(Locale.ROOT, "%-45s %-45s answered %d/%d, primary called %d times%s%n", run.scenario(),
                run.config(), run.samples().stream().filter(Sample::answered).count(), run.samples().size(),
                run.primaryCalls(), run.samples().stream().filter(s -> !s.answered())
                        .collect(java.util.stream.Collectors.groupingBy(Sample::failure,
                                java.util.stream.Collectors.counting())).toString().replace("{}", ""));
    }

    /** Class loading, SDK start-up and JIT of every path; not measured. */
    private void warmUp() throws Exception {
        try (FakeProvider anthropic = FakeProvider.anthropic(Behaviour.answer());
             FakeProvider openAi = FakeProvider.openAi(Behaviour.answer())) {
            for (String config : List.of(WITHOUT, WITH, SECONDARY_ALONE)) {
                Clients clients = new Clients(config, anthropic, openAi);
                try {
                    for (int i = 0; i < 200; i++) {
                        anthropic.behave(i % 2 == 0 ? Behaviour.answer() : Behaviour.overloaded());
                        clients.call.apply(PROMPT);
                    }
                } finally {
                    clients.close();
                    anthropic.behave(Behaviour.answer());
                    ProviderHealth.shared().resetAll();
                }
            }
        }
    }

    private Run secondaryAlone() throws InterruptedException {
        try (FakeProvider anthropic = FakeProvider.anthropic(Behaviour.answer())) {
            return run(SECONDARY_ALONE, SECONDARY_ALONE, anthropic);
        }
    }

    private Run run(Scenario scenario, String config) throws InterruptedException {
        ProviderHealth.shared().resetAll();
        try (FakeProvider anthropic = FakeProvider.anthropic(scenario.primary)) {
            return run(scenario.label, config, anthropic);
        } finally {
            ProviderHealth.shared().resetAll();
        }
    }

    private Run run(String scenario, String config, FakeProvider anthropic) throws InterruptedException {
        int requests = rate * seconds;
        Sample[] samples = new Sample[requests];
        FakeProvider openAi = FakeProvider.openAi(Behaviour.answer(Duration.ofMillis(ANSWER_MILLIS)));
        Clients clients = new Clients(config, anthropic, openAi);
        ExecutorService callers = Executors.newCachedThreadPool(daemon("caller"));
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(daemon("clock"));
        CountDownLatch done = new CountDownLatch(requests);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        int callsBefore = anthropic.requestCount();
        java.util.concurrent.atomic.AtomicReference<Throwable> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            for (int i = 0; i < requests; i++) {
                int index = i;
                long scheduled = start + i * periodNanos;
                double sent = (scheduled - start) / 1e9;
                clock.schedule(() -> callers.execute(() -> {
                    String failure = null;
                    try {
                        if (clients.call.apply(PROMPT) == null) {
                            failure = "null answer";
                        }
                    } catch (Throwable thrown) { // the SDKs throw checked exceptions sneakily (Kotlin)
                        failure = thrown.getClass().getSimpleName();
                        if (firstFailure.compareAndSet(null, thrown)) {
                            thrown.printStackTrace();
                        }
                    }
                    samples[index] = new Sample(sent, (System.nanoTime() - scheduled) / 1e6, failure == null, failure);
                    done.countDown();
                }), scheduled - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            long lastScheduled = start + (requests - 1) * periodNanos;
            done.await(lastScheduled + TimeUnit.SECONDS.toNanos(BUDGET_SECONDS) - System.nanoTime(),
                    TimeUnit.NANOSECONDS);
        } finally {
            clock.shutdownNow();
            openAi.close();
            clients.close();
            callers.shutdownNow();
        }
        long primaryCalls = config.equals(SECONDARY_ALONE) ? 0 : anthropic.requestCount() - callsBefore;
        List<Sample> list = new ArrayList<>(requests);
        for (int i = 0; i < requests; i++) {
            Sample sample = samples[i];
            list.add(sample != null ? sample
                    : new Sample(i / (double) rate, BUDGET_SECONDS * 1000.0, false, "no answer within budget"));
        }
        return new Run(scenario, config, list, primaryCalls);
    }

    private static ThreadFactory daemon(String name) {
        AtomicLong count = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The SDK clients of one configuration and the call it makes. */
    private static final class Clients {
        final AnthropicClient anthropic;
        final OpenAIClient openAi;
        final UnaryOperator<String> call;

        Clients(String config, FakeProvider anthropicFake, FakeProvider openAiFake) {
            // README, "Recommended SDK settings, beside ours": no retries in place, the SDK's timeout equal to ours.
            anthropic = AnthropicOkHttpClient.builder().baseUrl(anthropicFake.baseUrl()).apiKey("sk-fake-anthropic")
                    .maxRetries(0).timeout(Duration.ofSeconds(10)).build();
            openAi = OpenAIOkHttpClient.builder().baseUrl(openAiFake.baseUrl()).apiKey("sk-fake-openai")
                    .maxRetries(0).timeout(Duration.ofSeconds(10)).build();
            if (config.equals(SECONDARY_ALONE)) {
                call = prompt -> RecommendedSummarizer.openAi(openAi, prompt);
            } else if (config.equals(WITH)) {
                CooledSummarizer summarizer = new CooledSummarizer(anthropic, openAi);
                call = prompt -> woven(summarizer.callAnthropic(prompt));
            } else {
                RecommendedSummarizer summarizer = new RecommendedSummarizer(anthropic, openAi);
                call = prompt -> woven(summarizer.callAnthropic(prompt));
            }
        }

        private static String woven(String answer) {
            if (FallbackTrace.current().attempts().isEmpty()) {
                throw new IllegalStateException("the summarizer is not woven");
            }
            return answer;
        }

        void close() {
            anthropic.close();
            openAi.close();
        }
    }
}
