package dev.llmfallback.benchmarks.outage;

import dev.llmfallback.benchmarks.outage.SustainedOutage.Run;
import dev.llmfallback.benchmarks.outage.SustainedOutage.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The table and the plot of {@link SustainedOutage}. */
final class SustainedReport {

    private static final int WIDTH = 960;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int PANEL = 190;
    private static final double MIN_MS = 10;
    private static final double MAX_MS = 40_000;

    private SustainedReport() {
    }

    static String table(List<Run> runs, int steadyFrom) {
        StringBuilder md = new StringBuilder();
        md.append("| scenario | configuration | answered | p50 | p99 | max | steady p50 | steady p99 | calls that reached the dead provider |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Run run : runs) {
            List<Double> all = answeredMillis(run.samples(), 0);
            List<Double> steady = answeredMillis(run.samples(), steadyFrom);
            long answered = run.samples().stream().filter(Sample::answered).count();
            md.append(String.format(Locale.ROOT, "| %s | %s | %d/%d (%.0f%%) | %s | %s | %s | %s | %s | %s |\n",
                    run.scenario(), run.config(), answered, run.samples().size(),
                    100.0 * answered / run.samples().size(), pct(all, 50), pct(all, 99),
                    all.isEmpty() ? "–" : Report.millis(all.get(all.size() - 1)), pct(steady, 50), pct(steady, 99),
                    run.config().equals(SustainedOutage.SECONDARY_ALONE) ? "–"
                            : run.primaryCalls() + " of " + run.samples().size()));
        }
        return md.toString();
    }

    private static List<Double> answeredMillis(List<Sample> samples, int from) {
        return samples.stream().filter(s -> s.answered() && s.sentSeconds() >= from).map(Sample::millis).sorted()
                .collect(Collectors.toList());
    }

    private static String pct(List<Double> sorted, double p) {
        return sorted.isEmpty() ? "–" : Report.millis(Report.percentile(sorted, p));
    }

    /** One panel per scenario: time to answer (log) by the time a request was sent, without and with health. */
    static String svg(List<Run> runs, int seconds, int steadyFrom) {
        List<String> scenarios = new ArrayList<>();
        for (Run run : runs) {
            if (!run.config().equals(SustainedOutage.SECONDARY_ALONE) && !scenarios.contains(run.scenario())) {
                scenarios.add(run.scenario());
            }
        }
        int top = 64;
        int height = top + scenarios.size() * PANEL + 20;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n",
                WIDTH, height, WIDTH, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append("<text x=\"16\" y=\"22\" font-size=\"16\" font-weight=\"bold\">A sustained outage: time to an answer "
                + "by the moment each request was sent (log scale)</text>\n");
        svg.append("<circle cx=\"24\" cy=\"42\" r=\"3\" fill=\"#d62728\" fill-opacity=\"0.6\"/><text x=\"32\" y=\"46\">"
                + escape(SustainedOutage.WITHOUT) + "</text>\n");
        svg.append("<circle cx=\"324\" cy=\"42\" r=\"3\" fill=\"#2a9d4b\" fill-opacity=\"0.7\"/><text x=\"332\" y=\"46\">"
                + escape(SustainedOutage.WITH) + "</text>\n");
        svg.append("<line x1=\"584\" y1=\"42\" x2=\"604\" y2=\"42\" stroke=\"#1f77b4\" stroke-dasharray=\"4 3\"/>"
                + "<text x=\"610\" y=\"46\">the secondary's own p50</text>\n");
        double secondaryP50 = runs.stream().filter(r -> r.config().equals(SustainedOutage.SECONDARY_ALONE))
                .findFirst().map(r -> Report.percentile(answeredMillis(r.samples(), 0), 50)).orElse(Double.NaN);
        for (int s = 0; s < scenarios.size(); s++) {
            String scenario = scenarios.get(s);
            int y0 = top + s * PANEL;
            int plotTop = y0 + 24;
            int plotBottom = y0 + PANEL - 30;
            svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" font-weight=\"bold\">%s</text>\n", y0 + 14,
                    escape(scenario)));
            for (double tick : new double[] {10, 100, 1000, 10000}) {
                double y = y(tick, plotTop, plotBottom);
                svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e3e3e3\"/>"
                        + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#777\" font-size=\"10\">%s</text>\n",
                        LEFT, y, WIDTH - RIGHT, y, LEFT - 6, y + 3, tick < 1000 ? (int) tick + " ms" : (int) (tick / 1000) + " s"));
            }
            for (int t = 0; t <= seconds; t += 10) {
                double x = x(t, seconds);
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#777\" "
                        + "font-size=\"10\">%d s</text>\n", x, plotBottom + 14, t));
            }
            double steadyX = x(steadyFrom, seconds);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#bbb\" "
                    + "stroke-dasharray=\"2 3\"/><text x=\"%.1f\" y=\"%d\" fill=\"#777\" font-size=\"10\">steady state"
                    + "</text>\n", steadyX, plotTop, steadyX, plotBottom, steadyX + 4, plotTop + 10));
            if (!Double.isNaN(secondaryP50)) {
                double y = y(secondaryP50, plotTop, plotBottom);
                svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#1f77b4\" "
                        + "stroke-dasharray=\"4 3\"/>\n", LEFT, y, WIDTH - RIGHT, y));
            }
            for (Run run : runs) {
                if (!run.scenario().equals(scenario)) {
                    continue;
                }
                boolean with = run.config().equals(SustainedOutage.WITH);
                String colour = with ? "#2a9d4b" : "#d62728";
                for (Sample sample : run.samples()) {
                    double x = x(sample.sentSeconds(), seconds);
                    double y = y(Math.max(MIN_MS, sample.millis()), plotTop, plotBottom);
                    svg.append(String.format(Locale.ROOT, sample.answered()
                            ? "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.2\" fill=\"%s\" fill-opacity=\"0.6\"/>\n"
                            : "<path d=\"M%.1f %.1f m-3 -3 l6 6 m0 -6 l-6 6\" stroke=\"%s\"/>\n", x, y, colour));
                }
            }
        }
        return svg.append("</svg>\n").toString();
    }

    private static double x(double seconds, int total) {
        return LEFT + seconds / total * (WIDTH - LEFT - RIGHT);
    }

    private static double y(double millis, int top, int bottom) {
        double span = Math.log10(MAX_MS) - Math.log10(MIN_MS);
        return bottom - (Math.log10(Math.min(MAX_MS, millis)) - Math.log10(MIN_MS)) / span * (bottom - top);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
