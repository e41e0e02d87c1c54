package dev.llmfallback.benchmarks;

import dev.llmfallback.FallbackChain;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.benchmarks.agent.AgentProviders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Scale with 10,000 virtual threads (JDK 21+; on older JDKs it says so and stops): the same fast
 * in-process providers as {@link Scale}, one shared chain and one shared agent-woven object, called from
 * <ul>
 *   <li>2 platform threads (one per core), each making many calls;</li>
 *   <li>10,000 virtual threads, each making {@code --calls} calls (a long-lived virtual thread);</li>
 *   <li>10,000 virtual threads, each making ONE call (thread per request: every call is the thread's
 *       first, so it also pays for the per-thread trace recorder's creation).</li>
 * </ul>
 * Every call is timed alone with {@code System.nanoTime()} (so each includes one clock read, ~20-30 ns
 * here); the hand-written traced try/catch is measured the same way, as the baseline. Each configuration runs
 * 3 warm-up rounds and 5 measured rounds; the table shows the median round.
 *
 * <pre>java [-javaagent:AGENT.jar] -cp CLASSPATH dev.llmfallback.benchmarks.VirtualThreadScale [--out FILE.md]</pre>
 * With the agent, agent-woven calls are measured too.
 */
public final class VirtualThreadScale {

    private static final int THREADS = 10_000;
    private static final int WARMUP_ROUNDS = 3;
    private static final int ROUNDS = 5;

    private final Providers providers = new Providers();
    private final FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
            .provider("primary", providers::primary)
            .provider("secondary", providers::secondary)
            .build();
    private final AgentProviders woven = new AgentProviders();
    private final ThreadLocal<HandTrace> handTraces = ThreadLocal.withInitial(HandTrace::new);
    private volatile Object sink;

    private VirtualThreadScale() {
    }

    /**
     * Runs the harness.
     *
     * @param args {@code --out FILE} to write the Markdown table to; {@code --calls N} calls per long-lived
     *             virtual thread (default 200)
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Path out = null;
        int calls = 200;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out": out = Paths.get(args[++i]); break;
                case "--calls": calls = Integer.parseInt(args[++i]); break;
                default: throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (Runtime.version().feature() < 21) {
            System.out.println("VirtualThreadScale needs JDK 21+ (virtual threads); this is JDK "
                    + Runtime.version() + ": skipped");
            return;
        }
        String table = new VirtualThreadScale().run(calls);
        System.out.println(table);
        if (out != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.write(out, table.getBytes(StandardCharsets.UTF_8));
        }
    }

    private String run(int calls) throws Exception {
        List<String[]> callers = new ArrayList<>();
        callers.add(new String[] {"hand-written traced try/catch", "hand"});
        callers.add(new String[] {"`FallbackChain.run`", "chain"});
        woven.primary("x");
        FallbackTrace trace = FallbackTrace.current();
        boolean agent = trace.attempts().size() == 1;
        if (agent) {
            callers.add(new String[] {"agent-woven call", "agent"});
        }
        int total = THREADS * calls;
        StringBuilder md = new StringBuilder();
        md.append("### ").append(THREADS).append(" virtual threads, JDK ").append(Runtime.version()).append("\n\n")
                .append("Each call timed alone (includes one `System.nanoTime()`); median of ").append(ROUNDS)
                .append(" rounds after ").append(WARMUP_ROUNDS).append(" warm-up rounds; ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs.")
                .append(agent ? "" : " (Run without the agent: no agent-woven rows.)").append("\n\n")
                .append("| caller | threads | calls per thread | calls/s (M) | p50 ns | p99 ns | p99.9 ns | max µs | calls/s vs hand-written |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        Object[][] shapes = {
            {"2 platform", 2, total / 2, false},
            {THREADS + " virtual", THREADS, calls, true},
            {THREADS + " virtual, one call each", THREADS, 1, true},
        };
        for (Object[] shape : shapes) {
            double baseRate = 0;
            for (String[] caller : callers) {
                Round median = measure(caller[1], (Integer) shape[1], (Integer) shape[2], (Boolean) shape[3]);
                if (caller[1].equals("hand")) {
                    baseRate = median.rate;
                }
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %d | %d | %d | %.0f | %.2f× |\n",
                        caller[0], shape[0], shape[2], median.rate / 1e6, median.p50, median.p99, median.p999,
                        median.max / 1e3, median.rate / baseRate));
            }
        }
        return md.toString();
    }

    /** One round's outcome. */
    private static final class Round {
        double rate;
        long p50;
        long p99;
        long p999;
        long max;
    }

    private Round measure(String caller, int threads, int callsPerThread, boolean virtual) throws Exception {
        List<Round> rounds = new ArrayList<>();
        for (int r = 0; r < WARMUP_ROUNDS + ROUNDS; r++) {
            Round round = round(caller, threads, callsPerThread, virtual);
            if (r >= WARMUP_ROUNDS) {
                rounds.add(round);
            }
        }
        rounds.sort((a, b) -> Double.compare(a.rate, b.rate));
        return rounds.get(rounds.size() / 2);
    }

    private Round round(String caller, int threads, int callsPerThread, boolean virtual) throws Exception {
        Supplier<String> call = caller(caller);
        long[][] samples = new long[threads][];
        ExecutorService executor = virtual ? virtualThreadPerTask() : Executors.newFixedThreadPool(threads);
        long start;
        long end;
        try {
            List<Future<?>> futures = new ArrayList<>(threads);
            start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int index = t;
                futures.add(executor.submit(() -> {
                    long[] mine = new long[callsPerThread];
                    Object last = null;
                    for (int i = 0; i < callsPerThread; i++) {
                        long before = System.nanoTime();
                        last = call.get();
                        mine[i] = System.nanoTime() - before;
                    }
                    sink = last;
                    samples[index] = mine;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            end = System.nanoTime();
        } finally {
            executor.shutdown();
        }
        int n = 0;
        for (long[] mine : samples) {
            n += mine.length;
        }
        long[] all = new long[n];
        int at = 0;
        for (long[] mine : samples) {
            System.arraycopy(mine, 0, all, at, mine.length);
            at += mine.length;
        }
        Arrays.sort(all);
        Round round = new Round();
        round.rate = n / ((end - start) / 1e9);
        round.p50 = all[(int) (n * 0.50)];
        round.p99 = all[Math.min(n - 1, (int) (n * 0.99))];
        round.p999 = all[Math.min(n - 1, (int) (n * 0.999))];
        round.max = all[n - 1];
        return round;
    }

    private Supplier<String> caller(String caller) {
        String prompt = "Summarise this.";
        switch (caller) {
            case "hand":
                return () -> handWritten(prompt);
            case "chain":
                return () -> {
                    try {
                        return chain.run(prompt);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                };
            case "agent":
                return () -> woven.primary(prompt);
            default:
                throw new IllegalArgumentException(caller);
        }
    }

    /** {@link HandTrace#call}, with the per-thread trace in a ThreadLocal as the engine keeps its own. */
    private String handWritten(String prompt) {
        return handTraces.get().call(providers, false, prompt);
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()}, found reflectively: this module compiles for Java 17. */
    private static ExecutorService virtualThreadPerTask() throws ReflectiveOperationException {
        return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }

}
