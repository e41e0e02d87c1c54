package dev.llmfallback.benchmarks.cputime;

import dev.llmfallback.benchmarks.FrontDoors;
import dev.llmfallback.benchmarks.Observability;
import dev.llmfallback.benchmarks.agent.AgentFrontDoor;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Measures one benchmark method in thread CPU time and allocated bytes per call, and prints one line:
 * {@code <method> min <ns> med <ns> bytes <B>} (the fastest and the median of ten rounds of two million calls,
 * after three seconds of warm-up). Run one JVM per method and build, interleaved, several rounds each, and
 * compare the same method across builds; {@code AgentFrontDoor} methods need {@code -javaagent}. See
 * {@code cputime-ab.sh} next to BENCHMARKS.md's results for the script that does this.
 *
 * <p>Why: on a shared 2-core machine JMH's wall-clock scores move by more than the few nanoseconds an engine
 * change costs; the benchmark thread's CPU time (Linux {@code CLOCK_THREAD_CPUTIME_ID}) does not count the
 * time another process held the core, and with the JVM run at a high priority ({@code nice -n -19}) the runs
 * agree to about half a nanosecond. One method per JVM keeps the loop's call site monomorphic.
 */
public final class CpuTime {

    private static final int ROUNDS = 10;
    private static final int CALLS = 2_000_000;

    private CpuTime() {
    }

    /**
     * Measures a method.
     *
     * @param args the method's name, e.g. {@code happy_chain}, {@code happy_agent}, {@code happy_chain_micrometer}
     * @throws Exception what the benchmark's set-up or method throws
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CpuTime <benchmark method>, e.g. CpuTime happy_chain");
        }
        String name = args[0];
        Callable<Object> method = method(name);
        Blackhole blackhole = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        long warmUntil = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            loop(method, 100_000, blackhole);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[] nanosPerCall = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long cpu = threads.getCurrentThreadCpuTime();
            loop(method, CALLS, blackhole);
            nanosPerCall[round] = (threads.getCurrentThreadCpuTime() - cpu) / (double) CALLS;
        }
        long thread = Thread.currentThread().getId();
        long allocated = threads.getThreadAllocatedBytes(thread);
        loop(method, CALLS, blackhole);
        double bytesPerCall = (threads.getThreadAllocatedBytes(thread) - allocated) / (double) CALLS;
        Arrays.sort(nanosPerCall);
        System.out.printf(Locale.ROOT, "%s min %.2f med %.2f bytes %.1f%n", name, nanosPerCall[0],
                nanosPerCall[ROUNDS / 2], bytesPerCall);
    }

    private static Callable<Object> method(String name) throws Exception {
        if (name.endsWith("_agent")) {
            AgentFrontDoor agent = new AgentFrontDoor();
            agent.setUp();
            switch (name) {
                case "happy_agent": return agent::happy_agent;
                case "fallover_agent": return agent::fallover_agent;
                default: throw unknown(name);
            }
        }
        if (name.contains("listener") || name.contains("Listener") || name.contains("micrometer")) {
            Observability observability = new Observability();
            observability.setUp();
            switch (name) {
                case "happy_chain_noListener": return observability::happy_chain_noListener;
                case "happy_chain_noopListener": return observability::happy_chain_noopListener;
                case "happy_chain_micrometer": return observability::happy_chain_micrometer;
                case "fallover_chain_micrometer": return observability::fallover_chain_micrometer;
                case "micrometer_timerRecord": return observability::micrometer_timerRecord;
                case "micrometer_twoTimersByHand": return observability::micrometer_twoTimersByHand;
                default: throw unknown(name);
            }
        }
        FrontDoors doors = new FrontDoors();
        doors.setUp();
        switch (name) {
            case "happy_handWritten": return doors::happy_handWritten;
            case "happy_chain": return doors::happy_chain;
            case "happy_aspectj": return doors::happy_aspectj;
            case "fallover_handWritten": return doors::fallover_handWritten;
            case "fallover_chain": return doors::fallover_chain;
            case "fallover_aspectj": return doors::fallover_aspectj;
            default: throw unknown(name);
        }
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("CpuTime: no benchmark method '" + name + "'; use one of FrontDoors'"
                + " happy_/fallover_ handWritten, chain, aspectj; AgentFrontDoor's happy_agent, fallover_agent"
                + " (with -javaagent); or Observability's methods");
    }

    private static void loop(Callable<Object> method, int calls, Blackhole blackhole) throws Exception {
        for (int i = 0; i < calls; i++) {
            blackhole.consume(method.call());
        }
    }
}
