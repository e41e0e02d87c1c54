import dev.llmfallback.benchmarks.FrontDoors;
import dev.llmfallback.benchmarks.agent.AgentFrontDoor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.openjdk.jmh.infra.Blackhole;

/** Measures one FrontDoors benchmark method in thread CPU time per op, robust to other processes' load. */
public class CpuTime {
    public static void main(String[] args) throws Exception {
        String name = args[0];
        FrontDoors doors = new FrontDoors();
        AgentFrontDoor agent = new AgentFrontDoor();
        if (name.endsWith("_agent")) {
            agent.setUp();
        } else {
            doors.setUp();
        }
        Callable<Object> op = switch (name) {
            case "happy_handWritten" -> doors::happy_handWritten;
            case "happy_chain" -> doors::happy_chain;
            case "happy_aspectj" -> doors::happy_aspectj;
            case "fallover_handWritten" -> doors::fallover_handWritten;
            case "fallover_chain" -> doors::fallover_chain;
            case "fallover_aspectj" -> doors::fallover_aspectj;
            case "happy_agent" -> agent::happy_agent;
            case "fallover_agent" -> agent::fallover_agent;
            default -> throw new IllegalArgumentException(name);
        };
        Blackhole bh = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long until = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < until) {
            loop(op, 100_000, bh);
        }
        int rounds = 10, n = 2_000_000;
        double[] perOp = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = mx.getCurrentThreadCpuTime();
            loop(op, n, bh);
            perOp[r] = (mx.getCurrentThreadCpuTime() - t0) / (double) n;
        }
        Arrays.sort(perOp);
        System.out.printf("%s min %.2f med %.2f%n", name, perOp[0], perOp[rounds / 2]);
    }

    static void loop(Callable<Object> op, int n, Blackhole bh) throws Exception {
        for (int i = 0; i < n; i++) {
            bh.consume(op.call());
        }
    }
}
