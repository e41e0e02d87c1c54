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
 * The Byte Buddy agent's pair of {@link dev.llmfallback.benchmarks.FrontDoors}' benchmarks: an annotated
 * method woven by {@code -javaagent} as its class loads. Run only with the agent on the forks' command line
 * ({@link dev.llmfallback.benchmarks.RunBenchmarks} does that); the set-up fails without it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class AgentFrontDoor {

    private String prompt = "Summarise this.";
    private final AgentProviders woven = new AgentProviders();

    /** Fails unless the agent wove the fixtures. */
    @Setup(Level.Trial)
    public void setUp() {
        Checks.answered(fallover_agent(), FallbackTrace.current(), 2, "Byte Buddy agent woven");
        Checks.answered(happy_agent(), FallbackTrace.current(), 1, "Byte Buddy agent woven");
    }

    /** An {@code @LlmFallback} method woven by the agent; the first provider answers. */
    @Benchmark
    public String happy_agent() {
        return woven.primary(prompt);
    }

    /** Woven by the agent; the first provider throws 529, the second answers. */
    @Benchmark
    public String fallover_agent() {
        return woven.overloaded(prompt);
    }
}
