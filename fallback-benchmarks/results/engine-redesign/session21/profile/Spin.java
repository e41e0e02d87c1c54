import dev.llmfallback.benchmarks.FrontDoors;
import java.util.concurrent.Callable;
import org.openjdk.jmh.infra.Blackhole;

/** Runs one FrontDoors method for args[1] seconds, for a profiler to attach to. */
public class Spin {
    public static void main(String[] args) throws Exception {
        FrontDoors doors = new FrontDoors();
        doors.setUp();
        Callable<Object> op = switch (args[0]) {
            case "fallover_chain" -> doors::fallover_chain;
            case "happy_chain" -> doors::happy_chain;
            default -> throw new IllegalArgumentException(args[0]);
        };
        Blackhole bh = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        long until = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000_000L;
        while (System.nanoTime() < until) {
            for (int i = 0; i < 100_000; i++) {
                bh.consume(op.call());
            }
        }
    }
}
