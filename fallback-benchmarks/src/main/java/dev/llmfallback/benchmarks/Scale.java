package dev.llmfallback.benchmarks;

import dev.llmfallback.FallbackChain;
import dev.llmfallback.FallbackTrace;
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
 * Many caller threads on ONE shared chain (the way a service holds it) with a fast in-process provider,
 * measured for throughput and for per-call latency percentiles: the launcher runs this with 1, 2, 8 and 64
 * threads. A lock or a shared counter on the hot path would show as total throughput falling, relative to
 * the hand-written baseline's (which shares nothing), as threads are added. The agent's pair is {@link dev.llmfallback.benchmarks.agent.AgentScale}.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(2)
public class Scale {

    private final Providers providers = new Providers();
    private FallbackChain<String, String> chain;

    /** Each caller thread's own input and hand-written trace. */
    @State(Scope.Thread)
    public static class Caller {
        String prompt = "Summarise this.";
        final HandTrace trace = new HandTrace();
    }

    /** Builds the shared chain and checks it. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        chain = FallbackChain.<String, String>builder()
                .provider("primary", providers::primary)
                .provider("secondary", providers::secondary)
                .build();
        Checks.answered(chain.run("x"), FallbackTrace.current(), 1, "FallbackChain");
    }

    /**
     * The baseline: the hand-written traced try/catch, {@link HandTrace#call}.
     *
     * @param caller this thread's state
     * @return the answer
     */
    @Benchmark
    public String handWritten(Caller caller) {
        return caller.trace.call(providers, false, caller.prompt);
    }

    /**
     * {@code FallbackChain.run} on the shared chain.
     *
     * @param caller this thread's state
     * @return the answer
     * @throws Exception never
     */
    @Benchmark
    public String chain(Caller caller) throws Exception {
        return chain.run(caller.prompt);
    }
}
