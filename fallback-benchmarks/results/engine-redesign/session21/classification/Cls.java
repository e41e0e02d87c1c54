import dev.llmfallback.Failures;
import dev.llmfallback.benchmarks.ProviderStatusException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/** CPU time per Failures.isRetryable(OVERLOADED), robust to other processes' load. */
public class Cls {
    static Throwable ex = ProviderStatusException.OVERLOADED;
    public static void main(String[] args) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long until = System.nanoTime() + 2_000_000_000L;
        int sink = 0;
        while (System.nanoTime() < until) sink += loop(100_000);
        int rounds = 10, n = 5_000_000;
        double[] perOp = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = mx.getCurrentThreadCpuTime();
            sink += loop(n);
            perOp[r] = (mx.getCurrentThreadCpuTime() - t0) / (double) n;
        }
        Arrays.sort(perOp);
        System.out.printf("cls min %.2f med %.2f %d%n", perOp[0], perOp[rounds / 2], sink & 1);
    }
    static int loop(int n) {
        int c = 0;
        Throwable e = ex;
        for (int i = 0; i < n; i++) { if (Failures.isRetryable(e)) c++; e = ex; }
        return c;
    }
}
