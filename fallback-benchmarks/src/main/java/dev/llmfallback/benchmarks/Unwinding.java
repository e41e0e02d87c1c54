package dev.llmfallback.benchmarks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Supporting experiment for BENCHMARKS.md (not part of RunBenchmarks' tables): what a provider's exception
 * costs when it is thrown through a call the JIT inlines (C2 turns the throw into a jump) and through a
 * {@link MethodHandle} loaded from an array (not a constant, so not inlined: the VM unwinds the frame), as
 * the engine invokes annotated links. Run with {@code org.openjdk.jmh.Main Unwinding}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class Unwinding {
    private final Providers p = new Providers();
    private String prompt = "x";
    private MethodHandle[] handles;

    /**
     * Looks the providers' methods up, once.
     *
     * @throws ReflectiveOperationException never
     */
    @Setup
    public void setUp() throws ReflectiveOperationException {
        MethodType type = MethodType.methodType(String.class, String.class);
        handles = new MethodHandle[] {
            MethodHandles.lookup().findVirtual(Providers.class, "overloaded", type),
            MethodHandles.lookup().findVirtual(Providers.class, "secondary", type),
            MethodHandles.lookup().findVirtual(Providers.class, "primary", type)};
    }

    /**
     * Throw and catch in inlined code.
     *
     * @return the second provider's answer
     */
    @Benchmark
    public String throwInlined() {
        try {
            return p.overloaded(prompt);
        } catch (RuntimeException e) {
            return p.secondary(prompt);
        }
    }

    /**
     * The same, the first provider called through a non-constant method handle.
     *
     * @return the second provider's answer
     * @throws Throwable never
     */
    @Benchmark
    public String throwThroughNonConstantHandle() throws Throwable {
        try {
            return (String) handles[0].invokeExact(p, prompt);
        } catch (RuntimeException e) {
            return (String) handles[1].invokeExact(p, prompt);
        }
    }

    /**
     * An answer through a non-constant method handle: the call itself is cheap.
     *
     * @return the first provider's answer
     * @throws Throwable never
     */
    @Benchmark
    public String answerThroughNonConstantHandle() throws Throwable {
        return (String) handles[2].invokeExact(p, prompt);
    }
}
