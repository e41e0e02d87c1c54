package dev.llmfallback.benchmarks;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.Fallback;
import dev.failsafe.event.ExecutionAttemptedEvent;
import dev.failsafe.function.CheckedFunction;
import dev.failsafe.function.CheckedSupplier;
import dev.llmfallback.FallbackChain;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.OutageCooldown;
import dev.llmfallback.benchmarks.ctw.WovenProviders;
import io.github.resilience4j.decorators.Decorators;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
 * One call through each front door and each alternative, on the happy path ({@code happy_*}: the first
 * provider answers) and on the fall-over path ({@code fallover_*}: the first provider throws a preallocated
 * 529, the second answers). The agent's pair is {@link dev.llmfallback.benchmarks.agent.AgentFrontDoor}, in
 * JVMs of its own.
 *
 * <p>Every method returns its answer (JMH consumes it); inputs and answers are non-final fields of a state
 * object, so nothing folds into a constant. The baseline is {@code *_handWritten}: a try/catch that reads
 * the clock around each attempt and records index, outcome, failure, start and end into per-thread arrays,
 * which is what the engine records.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class FrontDoors {

    private String prompt = "Summarise this.";
    private final Providers providers = new Providers();
    private final HandTrace trace = new HandTrace();
    private final WovenProviders woven = new WovenProviders();

    private FallbackChain<String, String> happyChain;
    private FallbackChain<String, String> happyChainWithHealth;
    private FallbackChain<String, String> falloverChain;
    private Supplier<String> happyResilience4j;
    private Supplier<String> falloverResilience4j;
    private FailsafeExecutor<String> failsafe;
    private CheckedSupplier<String> happySupplier;
    private CheckedSupplier<String> falloverSupplier;

    /** Builds the prebuilt chains and decorators, and checks that every front door really falls over. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        happyChain = FallbackChain.<String, String>builder()
                .provider("primary", providers::primary)
                .provider("secondary", providers::secondary)
                .build();
        // The same chain with provider health on: a healthy provider costs one read per link (SPEC §9).
        happyChainWithHealth = FallbackChain.<String, String>builder()
                .provider("health-primary", providers::primary)
                .provider("health-secondary", providers::secondary)
                .health(OutageCooldown.INSTANCE)
                .build();
        falloverChain = FallbackChain.<String, String>builder()
                .provider("primary", providers::overloaded)
                .provider("secondary", providers::secondary)
                .build();
        happyResilience4j = Decorators.ofSupplier(() -> providers.primary(prompt))
                .withFallback(failure -> providers.secondary(prompt))
                .decorate();
        falloverResilience4j = Decorators.ofSupplier(() -> providers.overloaded(prompt))
                .withFallback(failure -> providers.secondary(prompt))
                .decorate();
        failsafe = Failsafe.with(Fallback.of(secondaryAfter()));
        happySupplier = () -> providers.primary(prompt);
        falloverSupplier = () -> providers.overloaded(prompt);

        Checks.answered(fallover_chain(), FallbackTrace.current(), 2, "FallbackChain");
        Checks.answered(fallover_aspectj(), FallbackTrace.current(), 2, "AspectJ compile-time woven");
        Checks.answered(happy_aspectj(), FallbackTrace.current(), 1, "AspectJ compile-time woven");
        Checks.same("secondary answer", fallover_handWritten(), "hand-written");
        Checks.same("secondary answer", fallover_resilience4j_prebuilt(), "resilience4j");
        Checks.same("secondary answer", fallover_failsafe_prebuilt(), "Failsafe");
        Checks.same("secondary answer", fallover_failsafe_perCall(), "Failsafe per call");
    }

    private CheckedFunction<ExecutionAttemptedEvent<? extends String>, ? extends String> secondaryAfter() {
        return event -> providers.secondary(prompt);
    }

    // ---------------------------------------------------------------- happy path: the first provider answers

    /** {@link #happy_chain} with {@link OutageCooldown} on every link, its providers healthy. */
    @Benchmark
    public String happy_chain_outageCooldown() throws Exception {
        return happyChainWithHealth.run(prompt);
    }

    /** No fallback at all: the floor. */
    @Benchmark
    public String happy_direct() {
        return providers.primary(prompt);
    }

    /** The baseline: {@link HandTrace#call}, a try/catch that records the attempt (two clock reads, one record). */
    @Benchmark
    public String happy_handWritten() {
        return trace.call(providers, false, prompt);
    }

    /** {@code FallbackChain.run}, the chain built once. */
    @Benchmark
    public String happy_chain() throws Exception {
        return happyChain.run(prompt);
    }

    /** An {@code @LlmFallback} method woven by ajc. */
    @Benchmark
    public String happy_aspectj() {
        return woven.primary(prompt);
    }

    /** resilience4j {@code Decorators.ofSupplier(..).withFallback(..)}, decorated once. */
    @Benchmark
    public String happy_resilience4j_prebuilt() {
        return happyResilience4j.get();
    }

    /** resilience4j, decorated on every call. */
    @Benchmark
    public String happy_resilience4j_perCall() {
        return Decorators.ofSupplier(() -> providers.primary(prompt))
                .withFallback(failure -> providers.secondary(prompt))
                .decorate()
                .get();
    }

    /** Failsafe {@code Failsafe.with(Fallback.of(..))}, executor and supplier built once. */
    @Benchmark
    public String happy_failsafe_prebuilt() {
        return failsafe.get(happySupplier);
    }

    /** Failsafe, policy and executor built on every call. */
    @Benchmark
    public String happy_failsafe_perCall() {
        return Failsafe.with(Fallback.of(secondaryAfter())).get(() -> providers.primary(prompt));
    }

    // ------------------------------------------- fall-over path: the first provider throws 529, the second answers

    /** No trace: try the first, catch, call the second. */
    @Benchmark
    public String fallover_direct() {
        try {
            return providers.overloaded(prompt);
        } catch (RuntimeException failure) {
            if (!ProviderStatusException.retryable(failure)) {
                throw failure;
            }
            return providers.secondary(prompt);
        }
    }

    /** The baseline: {@link HandTrace#call} again, recording both attempts (three clock reads, two records). */
    @Benchmark
    public String fallover_handWritten() {
        return trace.call(providers, true, prompt);
    }

    /** {@code FallbackChain.run}. */
    @Benchmark
    public String fallover_chain() throws Exception {
        return falloverChain.run(prompt);
    }

    /** Woven by ajc. */
    @Benchmark
    public String fallover_aspectj() {
        return woven.overloaded(prompt);
    }

    /** resilience4j, decorated once. */
    @Benchmark
    public String fallover_resilience4j_prebuilt() {
        return falloverResilience4j.get();
    }

    /** resilience4j, decorated on every call. */
    @Benchmark
    public String fallover_resilience4j_perCall() {
        return Decorators.ofSupplier(() -> providers.overloaded(prompt))
                .withFallback(failure -> providers.secondary(prompt))
                .decorate()
                .get();
    }

    /** Failsafe, built once. */
    @Benchmark
    public String fallover_failsafe_prebuilt() {
        return failsafe.get(falloverSupplier);
    }

    /** Failsafe, built on every call. */
    @Benchmark
    public String fallover_failsafe_perCall() {
        return Failsafe.with(Fallback.of(secondaryAfter())).get(() -> providers.overloaded(prompt));
    }
}
