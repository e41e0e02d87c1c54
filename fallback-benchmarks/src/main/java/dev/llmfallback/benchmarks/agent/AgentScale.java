package dev.llmfallback.benchmarks.agent;

import dev.llmfallback.FallbackTrace;
import dev.llmfallback.benchmarks.Checks;
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
 * {@link dev.llmfallback.benchmarks.Scale} for the agent: many caller threads on one shared agent-woven
 * object. Only in JVMs started with {@code -javaagent}.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(2)
public class AgentScale {

    private final AgentProviders woven = new AgentProviders();

    /** Each caller thread's own input. */
    @State(Scope.Thread)
    public static class Caller {
        String prompt = "Summarise this.";
    }

    /** Fails unless the agent wove the fixture. */
    @Setup(Level.Trial)
    public void setUp() {
        Checks.answered(woven.primary("x"), FallbackTrace.current(), 1, "Byte Buddy agent woven");
    }

    /**
     * An agent-woven call on the shared object.
     *
     * @param caller this thread's state
     * @return the answer
     */
    @Benchmark
    public String agent(Caller caller) {
        return woven.primary(caller.prompt);
    }
}
