package dev.llmfallback.benchmarks.streaming;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;

/** Summary statistics of one sample of times, and the machine's load: for the streaming tables. */
final class Stats {

    /** The two-sided 99.9% normal quantile. */
    private static final double Z = 3.2905;

    private final double[] sorted;
    private final double mean;
    private final double error;

    private Stats(double[] values) {
        this.sorted = values.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        mean = sum / values.length;
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        int n = values.length;
        error = n < 2 ? Double.NaN : t999(n - 1) * Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
    }

    static Stats of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        return new Stats(values);
    }

    double mean() {
        return mean;
    }

    /** Half-width of the 99.9% confidence interval of the mean (Student's t). */
    double error() {
        return error;
    }

    int count() {
        return sorted.length;
    }

    /** Nearest-rank percentile. */
    double percentile(double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /**
     * A distribution-free 99.9% confidence interval of the median, from order statistics (the normal
     * approximation of the binomial): the values at ranks n/2 ± 3.29·√n/2.
     *
     * @return {low, high}
     */
    double[] medianInterval() {
        int n = sorted.length;
        double half = Z * Math.sqrt(n) / 2;
        int low = (int) Math.floor(n / 2.0 - half);
        int high = (int) Math.ceil(n / 2.0 + half);
        return new double[] {sorted[Math.max(0, low - 1)], sorted[Math.min(n - 1, high - 1)]};
    }

    double max() {
        return sorted[sorted.length - 1];
    }

    // Student's t quantile for 99.9% two-sided, by the Cornish-Fisher expansion around the normal one: within
    // a few per cent of the exact value from 10 degrees of freedom on.
    private static double t999(int freedom) {
        double z = Z;
        double v = freedom;
        return z + (z * z * z + z) / (4 * v) + (5 * Math.pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * v * v);
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg has them, or "?" where it cannot be read. */
    static String load() {
        try {
            String[] fields = new String(Files.readAllBytes(Paths.get("/proc/loadavg"))).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException unreadable) {
            return "?";
        }
    }
}
