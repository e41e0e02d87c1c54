package dev.llmfallback.benchmarks;

import dev.llmfallback.FallbackChain;
import dev.llmfallback.FallbackListener;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.micrometer.MicrometerFallbackListener;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What metrics cost a call (SPEC §11): the programmatic happy path and fall-over without a listener and with the
 * {@link MicrometerFallbackListener} on a real {@link SimpleMeterRegistry}, against what Micrometer itself costs
 * for one {@link Timer#record(long, TimeUnit)} on the same registry. The listener records two timers per call on
 * the happy path (the call and its attempt), three on the fall-over; the goal is an added cost of at most twice
 * one {@code Timer.record}; {@code micrometer_twoTimersByHand} is what the same two meters cost written by hand.
 * {@code happy_chain_noopListener} separates the engine's share (the {@code Attempt} it
 * hands listeners, its bookkeeping) from the listener's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class Observability {

    private String prompt = "Summarise this.";
    private long nanos = 1_234_567;
    private final Providers providers = new Providers();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private FallbackChain<String, String> plain;
    private FallbackChain<String, String> metered;
    private FallbackChain<String, String> noop;
    private FallbackChain<String, String> meteredFallover;
    private Timer timer;
    private Timer handCalls;
    private Timer handAttempts;

    /** Builds the chains and the timer, and checks that the listener records. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        MicrometerFallbackListener listener = new MicrometerFallbackListener(registry);
        plain = FallbackChain.<String, String>builder()
                .provider("primary", providers::primary)
                .provider("secondary", providers::secondary)
                .build();
        metered = FallbackChain.<String, String>builder().name("metered").listener(listener)
                .provider("primary", providers::primary)
                .provider("secondary", providers::secondary)
                .build();
        noop = FallbackChain.<String, String>builder().name("noop").listener(new FallbackListener<Void>() { })
                .provider("primary", providers::primary)
                .provider("secondary", providers::secondary)
                .build();
        meteredFallover = FallbackChain.<String, String>builder().name("metered-fallover").listener(listener)
                .provider("primary", providers::overloaded)
                .provider("secondary", providers::secondary)
                .build();
        timer = registry.timer("benchmark.timer");
        handCalls = registry.timer("benchmark.hand.calls", "chain", "hand", "outcome", "success");
        handAttempts = registry.timer("benchmark.hand.attempts", "chain", "hand", "provider", "primary");
        Checks.answered(meteredFallover.run(prompt), FallbackTrace.current(), 2, "metered fall-over");
        metered.run(prompt);
        if (registry.get("llm_fallback.calls").tag("chain", "metered").timer().count() != 1) {
            throw new IllegalStateException("the Micrometer listener did not record the call");
        }
    }

    /** {@code FallbackChain.run} on the happy path, no listener anywhere. */
    @Benchmark
    public String happy_chain_noListener() throws Exception {
        return plain.run(prompt);
    }

    /** The same chain with a listener that does nothing: what the engine's side of listening costs. */
    @Benchmark
    public String happy_chain_noopListener() throws Exception {
        return noop.run(prompt);
    }

    /** The same chain with the Micrometer listener: two timers recorded per call. */
    @Benchmark
    public String happy_chain_micrometer() throws Exception {
        return metered.run(prompt);
    }

    /** The fall-over with the Micrometer listener: three timers recorded per call. */
    @Benchmark
    public String fallover_chain_micrometer() throws Exception {
        return meteredFallover.run(prompt);
    }

    /** Micrometer's own cost of recording one duration into a timer of the same registry. */
    @Benchmark
    public Timer micrometer_timerRecord() {
        timer.record(nanos, TimeUnit.NANOSECONDS);
        return timer;
    }

    /**
     * The same two meters written by hand around the happy call, without the library: read the clock around
     * the provider, record the attempt's timer and the call's. What a team pays for these meters anyway; the
     * listener's added cost is judged against it as well as against one {@code Timer.record}.
     */
    @Benchmark
    public String micrometer_twoTimersByHand() {
        long start = System.nanoTime();
        String answer = providers.primary(prompt);
        long elapsed = System.nanoTime() - start;
        handAttempts.record(elapsed, TimeUnit.NANOSECONDS);
        handCalls.record(elapsed, TimeUnit.NANOSECONDS);
        return answer;
    }
}
