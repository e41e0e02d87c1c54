package dev.llmfallback.benchmarks.fleet;

import dev.llmfallback.Attempt;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.HealthPolicy;
import dev.llmfallback.LlmProvider;
import dev.llmfallback.OutageCooldown;
import dev.llmfallback.ProviderHealthStore.Sharing;
import dev.llmfallback.benchmarks.ProviderStatusException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fleet during an outage, with each instance's own provider health and with health shared through one
 * redis-server (SPEC §10): {@value #INSTANCES} simulated instances ({@link SimulatedInstance}) in one process,
 * each sending {@value #RATE_PER_INSTANCE} requests a second (fixed rate, random phase) to a chain "primary"
 * then "secondary" with {@link OutageCooldown}.
 *
 * <p>Time is compressed {@value #SCALE}×, so that an outage of tens of minutes fits in seconds: every duration
 * of the real setup is divided by {@value #SCALE} — the README's attempt timeout of 10 s becomes 200 ms, the
 * cooldowns of {@code OutageCooldown}'s defaults (5 s to 60 s for 529, 10 s to 60 s after 3 timeouts) become
 * 100 ms to 1.2 s and 200 ms to 1.2 s, the sharing's refresh of 500 ms becomes 10 ms. The follower delay is twice
 * the attempt timeout (400 ms; 20 s in real terms): the machine's scheduling delays are not compressed, and a
 * follower must hear the first probe's verdict, which takes the whole timeout, before it probes. Redis itself is
 * not compressed (its round trip on loopback is ~0.1 ms, 5 ms in real terms).
 *
 * <p>Scenarios: the primary hangs (answers after twice the timeout, never in time); the primary answers 529 at
 * once; one instance's own network to a healthy primary is broken (its calls hang), the others' is fine. Each
 * runs with local health and with shared health. Measured: requests answered, calls that reached the failing
 * primary, time to answer from the request's scheduled start (p50, p99, max); for the broken network, how
 * often the other instances used, or skipped, the healthy primary.
 *
 * <pre>java -cp CLASSPATH dev.llmfallback.benchmarks.fleet.FleetBenchmark [--out DIR] [--quick]
 *     [--seconds N (outage runs; default 20)] [--scenario HANGS|OVERLOADED|ONE_BROKEN_NETWORK ...]</pre>
 * Needs {@code /usr/bin/redis-server} (or {@code -Dredis.server=...}); starts and stops it. Writes
 * {@code fleet.md} to DIR.
 */
public final class FleetBenchmark {

    static final int INSTANCES = 20;
    static final int RATE_PER_INSTANCE = 5;
    static final int SCALE = 50;
    static final long ANSWER_MILLIS = 5;

    private static final Duration TIMEOUT = real(Duration.ofSeconds(10));
    private static final HealthPolicy POLICY = OutageCooldown.builder()
            .overloaded(real(Duration.ofSeconds(5)), real(Duration.ofSeconds(60)))
            .faults(3, real(Duration.ofSeconds(10)), real(Duration.ofSeconds(60)))
            .rateLimited(real(Duration.ofSeconds(5)))
            .build();

    private static Duration real(Duration duration) {
        return duration.dividedBy(SCALE);
    }

    enum Scenario {
        HANGS("primary hangs"),
        OVERLOADED("primary answers 529"),
        ONE_BROKEN_NETWORK("one instance's network to a healthy primary hangs");

        final String label;

        Scenario(String label) {
            this.label = label;
        }
    }

    /** One run's results. */
    static final class Result {
        final Scenario scenario;
        final boolean shared;
        final int seconds;
        final int requests;
        int answered;
        final double[] millis;
        /** Calls that reached the failing primary (the broken instance's, in the broken-network scenario). */
        final int deadCalls;
        /** Broken network: the other instances' requests the healthy primary answered, and skipped. */
        final int othersPrimaryAnswered;
        final int othersPrimarySkipped;

        Result(Scenario scenario, boolean shared, int seconds, int requests, int answered, double[] millis,
               int deadCalls, int othersPrimaryAnswered, int othersPrimarySkipped) {
            this.scenario = scenario;
            this.shared = shared;
            this.seconds = seconds;
            this.requests = requests;
            this.answered = answered;
            this.millis = millis;
            this.deadCalls = deadCalls;
            this.othersPrimaryAnswered = othersPrimaryAnswered;
            this.othersPrimarySkipped = othersPrimarySkipped;
        }

        double percentile(double p) {
            double[] sorted = millis.clone();
            Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
        }
    }

    /**
     * Runs every scenario with local and with shared health and prints the table.
     *
     * @param args {@code --out DIR} (default target/fleet), {@code --quick} for a smoke run
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Path out = Paths.get("target", "fleet");
        boolean quick = false;
        Integer seconds = null;
        List<Scenario> scenarios = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out": out = Paths.get(args[++i]); break;
                case "--quick": quick = true; break;
                case "--seconds": seconds = Integer.valueOf(args[++i]); break;
                case "--scenario": scenarios.add(Scenario.valueOf(args[++i])); break;
                default: throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (scenarios.isEmpty()) {
            scenarios.addAll(Arrays.asList(Scenario.values()));
        }
        int outageSeconds = seconds != null ? seconds : quick ? 5 : 20;
        int brokenSeconds = quick ? 3 : 8;
        Files.createDirectories(out);
        List<Result> results = new ArrayList<>();
        long started = System.nanoTime();
        LocalRedis redis = LocalRedis.start();
        try {
            for (Scenario scenario : scenarios) {
                for (boolean shared : new boolean[] {false, true}) {
                    int runSeconds = scenario == Scenario.ONE_BROKEN_NETWORK ? brokenSeconds : outageSeconds;
                    Result result = run(scenario, shared, runSeconds, redis.uri());
                    results.add(result);
                    System.out.printf(Locale.ROOT, "%-52s %-7s answered %d/%d, failing primary called %d times, "
                                    + "p50 %.0f ms, p99 %.0f ms%n", scenario.label, shared ? "shared" : "local",
                            result.answered, result.requests, result.deadCalls, result.percentile(50),
                            result.percentile(99));
                }
            }
        } finally {
            redis.stop();
        }
        String table = "<!-- generated by FleetBenchmark on " + LocalDate.now() + ", JDK "
                + System.getProperty("java.runtime.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs, load before " + loadAverage() + ", " + (System.nanoTime() - started) / 1_000_000_000
                + " s" + (quick ? ", QUICK smoke run: not for publishing" : "") + " -->\n\n" + table(results);
        String name = quick ? "fleet-quick.md" : seconds != null ? "fleet-" + seconds + "s.md" : "fleet.md";
        Files.write(out.resolve(name), table.getBytes(StandardCharsets.UTF_8));
        System.out.println(table);
        System.exit(0); // hung simulated calls may still sleep on the engine's worker threads
    }

    private static String loadAverage() {
        try {
            return Files.readString(Paths.get("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException unknown) {
            return "?";
        }
    }

    private static Result run(Scenario scenario, boolean shared, int seconds, String redisUri) throws Exception {
        AtomicInteger deadCalls = new AtomicInteger();
        List<SimulatedInstance> fleet = new ArrayList<>();
        String prefix = "fleet-benchmark-" + UUID.randomUUID() + ":";
        Sharing.Builder sharing = Sharing.builder().refresh(real(Duration.ofMillis(500)))
                .followerDelay(TIMEOUT.multipliedBy(2));
        long hangMillis = 2 * TIMEOUT.toMillis();
        try {
            for (int i = 0; i < INSTANCES; i++) {
                boolean brokenHere = scenario == Scenario.ONE_BROKEN_NETWORK && i == 0;
                LlmProvider<String, String> primary;
                if (scenario == Scenario.HANGS || brokenHere) {
                    primary = prompt -> {
                        deadCalls.incrementAndGet();
                        Thread.sleep(hangMillis);
                        return "too late";
                    };
                } else if (scenario == Scenario.OVERLOADED) {
                    primary = prompt -> {
                        deadCalls.incrementAndGet();
                        throw ProviderStatusException.OVERLOADED;
                    };
                } else {
                    primary = prompt -> {
                        Thread.sleep(ANSWER_MILLIS);
                        return "primary";
                    };
                }
                fleet.add(new SimulatedInstance("instance-" + i, primary, TIMEOUT, POLICY, shared ? redisUri : null,
                        prefix, sharing));
            }
            long readyBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!fleet.stream().allMatch(SimulatedInstance::ready)) {
                if (System.nanoTime() > readyBy) {
                    throw new IllegalStateException("the instances did not connect to Redis within 60 s");
                }
                Thread.sleep(10);
            }
            return drive(scenario, shared, seconds, fleet, deadCalls);
        } finally {
            fleet.forEach(SimulatedInstance::close);
        }
    }

    private static Result drive(Scenario scenario, boolean shared, int seconds, List<SimulatedInstance> fleet,
                                AtomicInteger deadCalls) throws InterruptedException {
        int perInstance = RATE_PER_INSTANCE * seconds;
        int requests = perInstance * fleet.size();
        double[] millis = new double[requests];
        boolean[] answered = new boolean[requests];
        int[] primaryOutcome = new int[requests]; // 1 primary answered, 2 primary skipped
        ExecutorService callers = Executors.newCachedThreadPool(daemon("caller"));
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2, daemon("clock"));
        CountDownLatch done = new CountDownLatch(requests);
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / RATE_PER_INSTANCE;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        try {
            for (int i = 0; i < fleet.size(); i++) {
                SimulatedInstance instance = fleet.get(i);
                long phase = ThreadLocalRandom.current().nextLong(periodNanos);
                for (int k = 0; k < perInstance; k++) {
                    int index = i * perInstance + k;
                    long scheduled = start + phase + k * periodNanos;
                    clock.schedule(() -> callers.execute(() -> {
                        try {
                            String answer = instance.chain.run("Summarise the incident report.");
                            answered[index] = answer != null;
                            Attempt first = FallbackTrace.current().attempts().get(0);
                            primaryOutcome[index] = first.outcome() == Attempt.Outcome.SUCCEEDED ? 1
                                    : first.outcome() == Attempt.Outcome.SKIPPED_UNHEALTHY ? 2 : 0;
                        } catch (Exception failed) {
                            answered[index] = false;
                        } finally {
                            millis[index] = (System.nanoTime() - scheduled) / 1e6;
                            done.countDown();
                        }
                    }), scheduled - System.nanoTime(), TimeUnit.NANOSECONDS);
                }
            }
            if (!done.await(seconds + 30L, TimeUnit.SECONDS)) {
                throw new IllegalStateException("requests still running 30 s after the last was sent");
            }
        } finally {
            clock.shutdownNow();
            callers.shutdownNow();
        }
        int answeredCount = 0;
        int othersAnswered = 0;
        int othersSkipped = 0;
        for (int index = 0; index < requests; index++) {
            answeredCount += answered[index] ? 1 : 0;
            if (index >= perInstance) { // instances other than instance 0
                othersAnswered += primaryOutcome[index] == 1 ? 1 : 0;
                othersSkipped += primaryOutcome[index] == 2 ? 1 : 0;
            }
        }
        return new Result(scenario, shared, seconds, requests, answeredCount, millis, deadCalls.get(), othersAnswered,
                othersSkipped);
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    static String table(List<Result> results) {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%d instances, %d requests/s each; time compressed %d×: attempt "
                + "timeout %d ms, refresh %d ms (real: 10 s, 500 ms)%n%n", INSTANCES, RATE_PER_INSTANCE, SCALE,
                TIMEOUT.toMillis(), real(Duration.ofMillis(500)).toMillis()));
        table.append("| scenario | health | requests | answered | calls that reached the failing primary | p50 | p99 "
                + "| max |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            double max = Arrays.stream(r.millis).max().orElse(0);
            table.append(String.format(Locale.ROOT, "| %s (%d s = %d min real) | %s | %d | %d | %d | %.0f ms | %.0f ms "
                            + "| %.0f ms |%n", r.scenario.label, r.seconds, r.seconds * SCALE / 60,
                    r.shared ? "**shared (Redis)**" : "local", r.requests, r.answered, r.deadCalls,
                    r.percentile(50), r.percentile(99), max));
        }
        table.append('\n');
        for (Scenario scenario : new Scenario[] {Scenario.HANGS, Scenario.OVERLOADED}) {
            Result local = find(results, scenario, false);
            Result shared = find(results, scenario, true);
            if (local != null && shared != null && local.deadCalls > 0) {
                table.append(String.format(Locale.ROOT, "- %s: shared / local calls to the failing primary = %d / %d "
                        + "= **%.2f**%n", scenario.label, shared.deadCalls, local.deadCalls,
                        (double) shared.deadCalls / local.deadCalls));
            }
        }
        for (boolean shared : new boolean[] {false, true}) {
            Result r = find(results, Scenario.ONE_BROKEN_NETWORK, shared);
            if (r != null) {
                table.append(String.format(Locale.ROOT, "- one broken network, %s health: the broken instance called "
                        + "the primary %d times; the other %d instances' requests: primary answered %d, primary "
                        + "skipped %d%n", shared ? "shared" : "local", r.deadCalls, INSTANCES - 1,
                        r.othersPrimaryAnswered, r.othersPrimarySkipped));
            }
        }
        return table.toString();
    }

    private static Result find(List<Result> results, Scenario scenario, boolean shared) {
        return results.stream().filter(r -> r.scenario == scenario && r.shared == shared).findFirst().orElse(null);
    }
}
