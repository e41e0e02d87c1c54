package dev.llmfallback.benchmarks.outage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The outage benchmark's table (Markdown) and plot (SVG, written by hand: no plotting library). */
final class Report {

    private Report() {
    }

    static String table(List<OutageBenchmark.Run> runs, int rate, int seconds, int budgetSeconds) {
        StringBuilder md = new StringBuilder();
        md.append("Requests at ").append(rate).append("/s for ").append(seconds).append(" s per run (")
                .append(rate * seconds).append(" requests), each on its own thread; time to answer from the "
                        + "request's scheduled start; budget ").append(budgetSeconds)
                .append(" s per request. The secondary (OpenAI fake) answers in ").append(OutageBenchmark.ANSWER_MILLIS)
                .append(" ms. p50/p99/max are over the answered requests.\n\n")
                .append("| scenario | configuration | answered | p50 | p99 | max | requests not answered |\n")
                .append("|---|---|---:|---:|---:|---:|---|\n");
        for (OutageBenchmark.Run run : runs) {
            List<Double> answered = new ArrayList<>();
            Map<String, List<Double>> failed = new TreeMap<>();
            for (OutageBenchmark.Outcome outcome : run.outcomes) {
                if (outcome.answered) {
                    answered.add(outcome.millis);
                } else {
                    failed.computeIfAbsent(outcome.failure, f -> new ArrayList<>()).add(outcome.millis);
                }
            }
            Collections.sort(answered);
            md.append("| ").append(run.scenario.label).append(" | ").append(run.config.label).append(" | ")
                    .append(String.format(Locale.ROOT, "%d/%d (%.0f%%)", answered.size(), run.outcomes.size(),
                            100.0 * answered.size() / run.outcomes.size()));
            if (answered.isEmpty()) {
                md.append(" | never | never | never | ");
            } else {
                md.append(" | ").append(millis(percentile(answered, 50))).append(" | ")
                        .append(millis(percentile(answered, 99))).append(" | ")
                        .append(millis(answered.get(answered.size() - 1))).append(" | ");
            }
            if (failed.isEmpty()) {
                md.append("–");
            }
            boolean first = true;
            for (Map.Entry<String, List<Double>> entry : failed.entrySet()) {
                List<Double> times = entry.getValue();
                Collections.sort(times);
                md.append(first ? "" : "; ").append(times.size()).append(" × ");
                if (entry.getKey().equals("no answer within budget")) {
                    md.append("**no answer within ").append(budgetSeconds).append(" s**");
                } else {
                    md.append(entry.getKey()).append(" after ").append(millis(percentile(times, 50))).append(" (p50)");
                }
                first = false;
            }
            md.append(" |\n");
        }
        return md.toString();
    }

    static double percentile(List<Double> sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static String millis(double millis) {
        if (millis < 10) {
            return String.format(Locale.ROOT, "%.1f ms", millis);
        }
        if (millis < 1000) {
            return String.format(Locale.ROOT, "%.0f ms", millis);
        }
        return String.format(Locale.ROOT, "%.2f s", millis / 1000);
    }

    // ------------------------------------------------------------------------------------------------ SVG

    private static final int WIDTH = 960;
    private static final int LEFT = 270;
    private static final int RIGHT = 30;
    private static final int ROW = 34;
    private static final double MIN_MS = 10;

    static String svg(List<OutageBenchmark.Run> runs, int budgetSeconds) {
        double maxMs = budgetSeconds * 1000.0 * 1.6;
        List<OutageBenchmark.Scenario> scenarios = new ArrayList<>();
        for (OutageBenchmark.Run run : runs) {
            if (!scenarios.contains(run.scenario)) {
                scenarios.add(run.scenario);
            }
        }
        int configs = OutageBenchmark.Config.values().length;
        int panel = 30 + configs * ROW + 10;
        int top = 70;
        int height = top + scenarios.size() * panel + 40;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n", WIDTH, height, WIDTH, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append("<text x=\"16\" y=\"24\" font-size=\"16\" font-weight=\"bold\">Time to an answer during an outage "
                + "(each mark is one request; log scale)</text>\n");
        legend(svg, 16, 48);
        for (int s = 0; s < scenarios.size(); s++) {
            OutageBenchmark.Scenario scenario = scenarios.get(s);
            int y0 = top + s * panel;
            svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" font-weight=\"bold\">%s</text>\n", y0 + 18,
                    escape(scenario.label)));
            int plotTop = y0 + 26;
            int plotBottom = plotTop + configs * ROW;
            for (double tick : new double[] {10, 30, 100, 300, 1000, 3000, 10000, 30000}) {
                if (tick > maxMs) {
                    continue;
                }
                double x = x(tick, maxMs);
                svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e3e3e3\"/>\n",
                        x, plotTop, x, plotBottom));
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#777\" "
                        + "font-size=\"10\">%s</text>\n", x, plotBottom + 12, tick < 1000 ? (int) tick + " ms" : (int) (tick / 1000) + " s"));
            }
            double budgetX = x(budgetSeconds * 1000.0, maxMs);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\" "
                    + "stroke-dasharray=\"4 3\"/>\n", budgetX, plotTop, budgetX, plotBottom));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#777\" font-size=\"10\">budget</text>\n",
                    budgetX + 4, plotTop + 10));
            int row = 0;
            for (OutageBenchmark.Run run : runs) {
                if (run.scenario != scenario) {
                    continue;
                }
                int cy = plotTop + row * ROW + ROW / 2;
                svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
                        LEFT - 10, cy + 4, escape(run.config.label)));
                svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#f0f0f0\"/>\n",
                        LEFT, cy, WIDTH - RIGHT, cy));
                int i = 0;
                List<Double> answered = new ArrayList<>();
                for (OutageBenchmark.Outcome outcome : run.outcomes) {
                    double jitter = ((i * 7919) % 21 - 10) * 1.1;
                    double x = x(Math.max(MIN_MS, outcome.millis), maxMs);
                    double y = cy + jitter;
                    if (outcome.answered) {
                        answered.add(outcome.millis);
                        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#2a9d4b\" "
                                + "fill-opacity=\"0.55\"/>\n", x, y));
                    } else if (outcome.failure.equals("no answer within budget")) {
                        svg.append(String.format(Locale.ROOT, "<path d=\"M%.1f %.1f l4 -7 l4 7 z\" fill=\"#888\" "
                                + "fill-opacity=\"0.6\"/>\n", budgetX + 6, y + 3));
                    } else {
                        svg.append(String.format(Locale.ROOT, "<path d=\"M%.1f %.1f l6 6 m0 -6 l-6 6\" stroke=\"#d62728\" "
                                + "stroke-width=\"1.6\" stroke-opacity=\"0.7\"/>\n", x - 3, y - 3));
                    }
                    i++;
                }
                if (!answered.isEmpty()) {
                    Collections.sort(answered);
                    double p50 = percentile(answered, 50);
                    double px = x(Math.max(MIN_MS, p50), maxMs);
                    svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\" "
                            + "stroke-width=\"2\"/>\n", px, cy - 14, px, cy + 14));
                }
                row++;
            }
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#555\">time from the request's scheduled "
                + "start (log scale)</text>\n", LEFT, height - 12));
        return svg.append("</svg>\n").toString();
    }

    private static void legend(StringBuilder svg, int x, int y) {
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"#2a9d4b\" fill-opacity=\"0.55\"/>"
                + "<text x=\"%d\" y=\"%d\">answered</text>\n", x + 4, y - 4, x + 12, y));
        svg.append(String.format(Locale.ROOT, "<path d=\"M%d %d l6 6 m0 -6 l-6 6\" stroke=\"#d62728\" stroke-width=\"1.6\"/>"
                + "<text x=\"%d\" y=\"%d\">failed (the caller got an exception)</text>\n", x + 90, y - 7, x + 102, y));
        svg.append(String.format(Locale.ROOT, "<path d=\"M%d %d l4 -7 l4 7 z\" fill=\"#888\"/>"
                + "<text x=\"%d\" y=\"%d\">no answer within the budget</text>\n", x + 330, y, x + 342, y));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\" stroke-width=\"2\"/>"
                + "<text x=\"%d\" y=\"%d\">median of the answered</text>\n", x + 540, y - 10, x + 540, y + 2, x + 548, y));
    }

    private static double x(double millis, double maxMs) {
        double span = Math.log10(maxMs) - Math.log10(MIN_MS);
        return LEFT + (Math.log10(millis) - Math.log10(MIN_MS)) / span * (WIDTH - LEFT - RIGHT);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
