package dev.llmfallback.benchmarks.streaming;

import dev.llmfallback.FallbackChain;
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
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The happy path's time to first token through the real SDKs over loopback, measured in pairs: each request
 * through a streaming chain right next to a direct one (which goes first alternates), so that a busy
 * machine's load hits both alike and the chain's cost is read pair by pair. The check on
 * {@link LoopbackTtft}'s figures where JMH's sequential runs are swamped by a shared machine's noise.
 *
 * <pre>java -cp CLASSPATH dev.llmfallback.benchmarks.streaming.PairedTtft [--out DIR] [--name NAME] [--pairs N]</pre>
 * Writes {@code NAME.md} (default {@code ttft-paired}) to DIR.
 */
public final class PairedTtft {

    private static final String PROMPT = "Providers go down mid-stream. Summarise this.";
    private static final Duration FIRST_TOKEN_TIMEOUT = Duration.ofSeconds(10);

    private PairedTtft() {
    }

    /** One comparison: the direct times and the chain's, µs, pair by pair. */
    record Pairs(String stream, String chain, double[] direct, double[] chained) {
    }

    /**
     * Runs the pairs and writes the table.
     *
     * @param args see the class documentation
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Path out = Paths.get("target", "streaming");
        String name = "ttft-paired";
        int pairs = 1000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out": out = Paths.get(args[++i]); break;
                case "--name": name = args[++i]; break;
                case "--pairs": pairs = Integer.parseInt(args[++i]); break;
                default: throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Files.createDirectories(out);
        String loadBefore = Stats.load();
        List<Pairs> results = new ArrayList<>();
        try (FakeProvider anthropicFake = FakeProvider.anthropic(Behaviour.answer());
             FakeProvider anthropicSecond = FakeProvider.anthropic(Behaviour.answer());
             FakeProvider openAiFake = FakeProvider.openAi(Behaviour.answer());
             FakeProvider openAiSecond = FakeProvider.openAi(Behaviour.answer());
             SdkStreams anthropic = SdkStreams.of(anthropicFake);
             SdkStreams anthropicSpare = SdkStreams.of(anthropicSecond);
             SdkStreams openAi = SdkStreams.of(openAiFake);
             SdkStreams openAiSpare = SdkStreams.of(openAiSecond)) {
            Function<String, Stream<?>> directAnthropic = anthropic::anthropic;
            Function<String, Stream<?>> directOpenAi = openAi::openAi;
            FallbackChain<String, Object> anthropicChain = FallbackChain.<String, Object>builder()
                    .streamingProvider("anthropic", anthropic::anthropic)
                    .streamingProvider("anthropic-2", anthropicSpare::anthropic).build();
            FallbackChain<String, Object> anthropicTimed = FallbackChain.<String, Object>builder()
                    .streamingProvider("anthropic", anthropic::anthropic, null, null, FIRST_TOKEN_TIMEOUT)
                    .streamingProvider("anthropic-2", anthropicSpare::anthropic, null, null, FIRST_TOKEN_TIMEOUT)
                    .build();
            FallbackChain<String, Object> openAiChain = FallbackChain.<String, Object>builder()
                    .streamingProvider("openai", openAi::openAi)
                    .streamingProvider("openai-2", openAiSpare::openAi).build();
            FallbackChain<String, Object> openAiTimed = FallbackChain.<String, Object>builder()
                    .streamingProvider("openai", openAi::openAi, null, null, FIRST_TOKEN_TIMEOUT)
                    .streamingProvider("openai-2", openAiSpare::openAi, null, null, FIRST_TOKEN_TIMEOUT)
                    .build();
            Object[][] comparisons = {
                {"anthropic-java", "chain", directAnthropic, anthropicChain},
                {"anthropic-java", "chain, first-token timeout", directAnthropic, anthropicTimed},
                {"openai-java", "chain", directOpenAi, openAiChain},
                {"openai-java", "chain, first-token timeout", directOpenAi, openAiTimed},
            };
            for (Object[] comparison : comparisons) {
                measure(comparison, pairs / 2);
            }
            for (Object[] comparison : comparisons) {
                results.add(measure(comparison, pairs));
            }
            if (anthropicSecond.requestCount() != 0 || openAiSecond.requestCount() != 0) {
                throw new IllegalStateException("a happy-path chain called its second provider");
            }
        }
        String md = "<!-- generated by PairedTtft on " + LocalDate.now() + ", JDK "
                + System.getProperty("java.runtime.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs -->\n\n" + table(results, pairs, loadBefore, Stats.load());
        Files.write(out.resolve(name + ".md"), md.getBytes(StandardCharsets.UTF_8));
        System.out.println(md);
        System.out.println("written to " + out.toAbsolutePath());
    }

    @SuppressWarnings("unchecked")
    private static Pairs measure(Object[] comparison, int pairs) throws Exception {
        Function<String, Stream<?>> direct = (Function<String, Stream<?>>) comparison[2];
        FallbackChain<String, Object> chain = (FallbackChain<String, Object>) comparison[3];
        double[] directTimes = new double[pairs];
        double[] chainTimes = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            if (i % 2 == 0) {
                directTimes[i] = timeDirect(direct);
                chainTimes[i] = timeChain(chain);
            } else {
                chainTimes[i] = timeChain(chain);
                directTimes[i] = timeDirect(direct);
            }
        }
        return new Pairs((String) comparison[0], (String) comparison[1], directTimes, chainTimes);
    }

    private static double timeDirect(Function<String, Stream<?>> direct) {
        long start = System.nanoTime();
        Object token = firstToken(direct.apply(PROMPT));
        double micros = (System.nanoTime() - start) / 1e3;
        check(token);
        return micros;
    }

    private static double timeChain(FallbackChain<String, Object> chain) throws Exception {
        long start = System.nanoTime();
        Object token = firstToken(chain.stream(PROMPT));
        double micros = (System.nanoTime() - start) / 1e3;
        check(token);
        return micros;
    }

    private static void check(Object token) {
        if (token == null) {
            throw new IllegalStateException("a stream ended without a token");
        }
    }

    private static Object firstToken(Stream<?> stream) {
        try (stream) {
            for (Iterator<?> it = stream.iterator(); it.hasNext(); ) {
                Object event = it.next();
                if (!SdkStreams.text(event).isEmpty()) {
                    return event;
                }
            }
            return null;
        }
    }

    static String table(List<Pairs> results, int pairs, String loadBefore, String loadAfter) {
        StringBuilder md = new StringBuilder();
        md.append("Time to first token through the real SDKs over loopback, µs, ").append(pairs)
                .append(" pairs each (after ").append(pairs / 2).append(" unmeasured), direct and chain alternating "
                        + "which goes first. Δ: chain − direct pair by pair: mean ± 99.9% CI (Student's t), and "
                        + "median [99.9% CI, order statistics]; ratio: median chain / median direct. Load average (1/5/15 min): ")
                .append(loadBefore).append(" before, ").append(loadAfter).append(" after.\n\n");
        md.append("| SDK | read | direct p50 | chain p50 | chain p90 | Δ mean ± err | Δ p50 [99.9% CI] | ratio of p50s |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Pairs result : results) {
            Stats direct = Stats.of(result.direct());
            Stats chain = Stats.of(result.chained());
            double[] deltas = new double[result.direct().length];
            for (int i = 0; i < deltas.length; i++) {
                deltas[i] = result.chained()[i] - result.direct()[i];
            }
            Stats delta = Stats.of(deltas);
            double[] interval = delta.medianInterval();
            md.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.0f | %+.0f ± %.0f | %+.0f [%+.0f, %+.0f] "
                            + "| %.2f× |\n",
                    result.stream(), result.chain(), direct.percentile(50), chain.percentile(50),
                    chain.percentile(90), delta.mean(), delta.error(), delta.percentile(50), interval[0], interval[1],
                    chain.percentile(50) / direct.percentile(50)));
        }
        return md.toString();
    }
}
