package dev.llmfallback.benchmarks.streaming;

import dev.llmfallback.FallbackChain;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.NoCooldown;
import dev.llmfallback.OutageCooldown;
import dev.llmfallback.ProviderHealth;
import dev.llmfallback.examples.fake.Behaviour;
import dev.llmfallback.examples.fake.FakeProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Time to first token while the primary fails before its first token (issue 16): a streaming chain,
 * Anthropic (anthropic-java {@code createStreaming}) then OpenAI (openai-java), against the fake servers on
 * loopback, the secondary answering after {@value #SECONDARY_MILLIS} ms (its time to first token), set against
 * the secondary's own time to first token, called directly. Requests are sequential and paired: each chain
 * request right after a direct one, so that drift in the machine's load hits both alike; the difference is
 * taken pair by pair.
 *
 * <p>Scenarios, what the primary does on every request: {@code 529} (an HTTP 529 {@code overloaded_error}
 * response to the streaming request), {@code 529 in-stream} (200, {@code message_start}, then
 * {@code event: error} {@code overloaded_error}), {@code hang} (never a response), {@code stall} (200 and
 * the preamble, then only keep-alives). The primary has a first-token timeout of {@code --timeout-ms}
 * (default 1000); the SDKs' read timeout is {@value SdkStreams#READ_TIMEOUT_SECONDS} s, so a hang and a
 * stall are both ended by the chain. Each scenario runs without provider health (every request pays for the
 * primary) and with {@link OutageCooldown} (after the first failures the primary is skipped).
 *
 * <pre>java -cp CLASSPATH dev.llmfallback.benchmarks.streaming.StreamingOutage [--out DIR] [--name NAME]
 *     [--requests N] [--slow-requests N] [--timeout-ms T]</pre>
 * Writes {@code NAME.md} (default {@code ttft-outage}) and {@code NAME.csv} (every request) to DIR.
 */
public final class StreamingOutage {

    static final int SECONDARY_MILLIS = 50;
    private static final String PROMPT = "Summarise the incident report. The primary provider is down.";

    /** What the primary does, on every request. */
    enum Scenario {
        OVERLOADED("529 at the call (HTTP 529 overloaded_error)", Behaviour.overloaded(), false),
        IN_STREAM("529 in the stream, after message_start, before any token", Behaviour.streamError(529), false),
        HANG("hang: no response at all", Behaviour.hang(), true),
        STALL("stall: 200 and the preamble, then only keep-alives", Behaviour.streamStall(), true);

        final String label;
        final Behaviour primary;
        final boolean slow;

        Scenario(String label, Behaviour primary, boolean slow) {
            this.label = label;
            this.primary = primary;
            this.slow = slow;
        }
    }

    /** One scenario and configuration: the paired times, ms, and how often the primary was called. */
    record Run(Scenario scenario, boolean health, double[] direct, double[] chain, int primaryCalls,
               String loadBefore, String loadAfter) {
    }

    private final int requests;
    private final int slowRequests;
    private final Duration timeout;

    private StreamingOutage(int requests, int slowRequests, Duration timeout) {
        this.requests = requests;
        this.slowRequests = slowRequests;
        this.timeout = timeout;
    }

    /**
     * Runs every scenario with and without health and writes the table.
     *
     * @param args see the class documentation
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Path out = Paths.get("target", "streaming");
        String name = "ttft-outage";
        int requests = 60;
        int slowRequests = 20;
        int timeoutMillis = 1000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out": out = Paths.get(args[++i]); break;
                case "--name": name = args[++i]; break;
                case "--requests": requests = Integer.parseInt(args[++i]); break;
                case "--slow-requests": slowRequests = Integer.parseInt(args[++i]); break;
                case "--timeout-ms": timeoutMillis = Integer.parseInt(args[++i]); break;
                default: throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Files.createDirectories(out);
        StreamingOutage benchmark = new StreamingOutage(requests, slowRequests, Duration.ofMillis(timeoutMillis));
        benchmark.warmUp();
        List<Run> runs = new ArrayList<>();
        for (Scenario scenario : Scenario.values()) {
            for (boolean health : new boolean[] {false, true}) {
                Run run = benchmark.run(scenario, health);
                runs.add(run);
                System.out.printf(Locale.ROOT, "%-60s %-14s chain p50 %.1f ms, direct p50 %.1f ms, primary called %d"
                        + " times, load %s -> %s%n", scenario.label, health ? "OutageCooldown" : "no health",
                        Stats.of(run.chain()).percentile(50), Stats.of(run.direct()).percentile(50),
                        run.primaryCalls(), run.loadBefore(), run.loadAfter());
            }
        }
        String header = "<!-- generated by StreamingOutage on " + LocalDate.now() + ", JDK "
                + System.getProperty("java.runtime.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs; secondary's time to first token " + SECONDARY_MILLIS + " ms; primary's first-token timeout "
                + timeoutMillis + " ms -->\n\n";
        String table = header + table(runs, timeoutMillis);
        Files.write(out.resolve(name + ".md"), table.getBytes(StandardCharsets.UTF_8));
        Files.write(out.resolve(name + ".csv"), csv(runs).getBytes(StandardCharsets.UTF_8));
        System.out.println(table);
        System.out.println("written to " + out.toAbsolutePath());
        System.exit(0);
    }

    /** Class loading and JIT of both SDKs' streaming paths and of the chain's fall-over; not measured. */
    private void warmUp() throws Exception {
        for (Scenario scenario : new Scenario[] {Scenario.OVERLOADED, Scenario.IN_STREAM}) {
            try (FakeProvider primary = FakeProvider.anthropic(scenario.primary);
                 FakeProvider secondary = FakeProvider.openAi(Behaviour.answer());
                 SdkStreams anthropic = SdkStreams.of(primary);
                 SdkStreams openAi = SdkStreams.of(secondary)) {
                FallbackChain<String, Object> chain = chain(anthropic, openAi, false);
                for (int i = 0; i < 300; i++) {
                    primary.behave(i % 2 == 0 ? Behaviour.answer() : scenario.primary);
                    firstToken(chain.stream(PROMPT));
                    firstToken(openAi.openAi(PROMPT));
                }
            }
        }
        ProviderHealth.shared().resetAll();
    }

    private FallbackChain<String, Object> chain(SdkStreams anthropic, SdkStreams openAi, boolean health) {
        return FallbackChain.<String, Object>builder()
                .streamingProvider("bench-anthropic", anthropic::anthropic, null, null, timeout)
                .streamingProvider("bench-openai", openAi::openAi)
                .health(health ? OutageCooldown.INSTANCE : NoCooldown.INSTANCE)
                .build();
    }

    private Run run(Scenario scenario, boolean health) throws Exception {
        ProviderHealth.shared().resetAll();
        int n = scenario.slow && !health ? slowRequests : requests;
        double[] direct = new double[n];
        double[] chained = new double[n];
        String loadBefore = Stats.load();
        try (FakeProvider primary = FakeProvider.anthropic(scenario.primary);
             FakeProvider secondary = FakeProvider.openAi(Behaviour.answer(Duration.ofMillis(SECONDARY_MILLIS)));
             SdkStreams anthropic = SdkStreams.of(primary);
             SdkStreams openAi = SdkStreams.of(secondary)) {
            FallbackChain<String, Object> chain = chain(anthropic, openAi, health);
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                firstToken(openAi.openAi(PROMPT));
                direct[i] = (System.nanoTime() - start) / 1e6;
                start = System.nanoTime();
                Object token = firstToken(chain.stream(PROMPT));
                chained[i] = (System.nanoTime() - start) / 1e6;
                FallbackTrace trace = FallbackTrace.current();
                if (token == null || !trace.succeeded() || !"bench-openai".equals(
                        trace.winner().map(a -> a.provider()).orElse(""))) {
                    throw new IllegalStateException(scenario + ": the secondary did not answer: " + trace);
                }
            }
            return new Run(scenario, health, direct, chained, primary.requestCount(), loadBefore, Stats.load());
        } finally {
            ProviderHealth.shared().resetAll();
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

    static String table(List<Run> runs, int timeoutMillis) {
        StringBuilder md = new StringBuilder();
        md.append("Time to first token in ms: mean ± 99.9% CI (Student's t), p50, p99; requests sequential, each chain "
                + "request paired with a direct one just before it. Δ: chain − direct, pair by pair (mean ± 99.9% CI); "
                + "ratio: chain mean / direct mean.\n\n");
        md.append("| primary before its first token | health | requests | secondary direct: mean ± err | p50 "
                + "| chain: mean ± err | p50 | p99 | Δ mean ± err | ratio | calls to primary | load before → after |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Run run : runs) {
            Stats direct = Stats.of(run.direct());
            Stats chain = Stats.of(run.chain());
            double[] deltas = new double[run.direct().length];
            for (int i = 0; i < deltas.length; i++) {
                deltas[i] = run.chain()[i] - run.direct()[i];
            }
            Stats delta = Stats.of(deltas);
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f ± %.1f | %.1f | %.1f ± %.1f | %.1f | %.1f "
                            + "| %+.1f ± %.1f | %.2f× | %d | %s → %s |\n",
                    run.scenario().label, run.health() ? "OutageCooldown" : "none", direct.count(),
                    direct.mean(), direct.error(), direct.percentile(50), chain.mean(), chain.error(),
                    chain.percentile(50), chain.percentile(99), delta.mean(), delta.error(),
                    chain.mean() / direct.mean(), run.primaryCalls(), run.loadBefore(), run.loadAfter()));
        }
        md.append("\nThe primary's first-token timeout is ").append(timeoutMillis)
                .append(" ms: without health, a hang or a stall costs it on every request.\n");
        return md.toString();
    }

    private static String csv(List<Run> runs) {
        StringBuilder csv = new StringBuilder("scenario,health,request,direct_ms,chain_ms\n");
        for (Run run : runs) {
            for (int i = 0; i < run.direct().length; i++) {
                csv.append(String.format(Locale.ROOT, "%s,%s,%d,%.3f,%.3f\n", run.scenario().name(),
                        run.health() ? "OutageCooldown" : "none", i + 1, run.direct()[i], run.chain()[i]));
            }
        }
        return csv.toString();
    }
}
