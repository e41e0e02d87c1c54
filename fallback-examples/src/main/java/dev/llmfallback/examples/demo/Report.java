package dev.llmfallback.examples.demo;

import dev.llmfallback.Attempt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The demo's closing summary: who answered, how fast, and what the same incident would have cost an app
 * that called only the first provider.
 */
final class Report {

    private final List<Served> served;
    private final Duration elapsed;
    private final Duration sdkDefaultTimeout;
    private final int sdkDefaultRetries;
    private final boolean streamed;

    /**
     * @param served            every request, in any order
     * @param elapsed           from the first request sent to the last one over
     * @param sdkDefaultTimeout the first provider's SDK default timeout per try (what a hang costs without one)
     * @param sdkDefaultRetries how often that SDK retries by default
     */
    Report(List<Served> served, Duration elapsed, Duration sdkDefaultTimeout, int sdkDefaultRetries) {
        this(served, elapsed, sdkDefaultTimeout, sdkDefaultRetries, false);
    }

    /**
     * @param served            every request, in any order
     * @param elapsed           from the first request sent to the last one over
     * @param sdkDefaultTimeout the first provider's SDK default timeout per try (what a hang costs without one)
     * @param sdkDefaultRetries how often that SDK retries by default
     * @param streamed          whether the answers were streamed: the percentiles are then of the time to
     *                          first token (of the whole time, for a request that brought no token)
     */
    Report(List<Served> served, Duration elapsed, Duration sdkDefaultTimeout, int sdkDefaultRetries,
           boolean streamed) {
        this.streamed = streamed;
        this.served = served.stream().sorted(Comparator.comparingInt(Served::number)).collect(Collectors.toList());
        this.elapsed = elapsed;
        this.sdkDefaultTimeout = sdkDefaultTimeout;
        this.sdkDefaultRetries = sdkDefaultRetries;
    }

    boolean allAnswered() {
        return served.stream().allMatch(s -> s.answeredBy().isPresent());
    }

    List<String> lines(Console console, List<String> providers) {
        List<String> lines = new ArrayList<>();
        long answered = served.stream().filter(s -> s.answeredBy().isPresent()).count();
        String verdict = answered == served.size()
                ? console.paint("every request answered", Console.Colour.GREEN)
                : console.paint((served.size() - answered) + " requests NOT answered", Console.Colour.RED);
        lines.add(console.paint("summary", Console.Colour.BOLD) + ": " + answered + " of " + served.size()
                + " requests answered in " + seconds(elapsed) + " (" + verdict + ")");
        lines.add("");
        lines.add(String.format(Locale.ROOT, "  %-16s %8s %9s %9s %9s", "answered by", "requests", "p50", "p95", "max")
                + (streamed ? "  (time to first token)" : ""));
        Map<String, List<Duration>> byProvider = new LinkedHashMap<>();
        providers.forEach(provider -> byProvider.put(provider, new ArrayList<>()));
        for (Served request : served) {
            request.answeredBy().ifPresent(p -> byProvider.computeIfAbsent(p, k -> new ArrayList<>()).add(measured(request)));
        }
        byProvider.forEach((provider, latencies) -> lines.add(row(provider, latencies)));
        List<Duration> unanswered = served.stream().filter(s -> s.answeredBy().isEmpty()).map(this::measured)
                .collect(Collectors.toList());
        if (!unanswered.isEmpty()) {
            lines.add(console.paint(row("(no answer)", unanswered), Console.Colour.RED));
        }
        lines.add(row("all", served.stream().map(this::measured).collect(Collectors.toList())));
        lines.add("");
        lines.addAll(health(console, providers));
        lines.addAll(withoutTheChain(console, providers.get(0)));
        return lines;
    }

    private Duration measured(Served request) {
        return streamed && request.firstToken() != null ? request.firstToken() : request.latency();
    }

    // What provider health did: who was skipped while it cooled, and how often a request probed it.
    private List<String> health(Console console, List<String> providers) {
        List<String> lines = new ArrayList<>();
        for (String provider : providers) {
            long skipped = served.stream().filter(s -> s.skipped(provider)).count();
            long probes = served.stream().filter(s -> s.probed().contains(provider)).count();
            if (skipped > 0 || probes > 0) {
                lines.add(String.format(Locale.ROOT, "  %-16s skipped by %d requests while it cooled, probed %d %s",
                        provider, skipped, probes, probes == 1 ? "time" : "times"));
            }
        }
        if (lines.isEmpty()) {
            return lines;
        }
        String first = providers.get(0);
        long spared = served.stream().filter(s -> s.skipped(first)).count();
        lines.add(0, "provider health:");
        lines.add("  " + console.paint(spared + " of " + served.size() + " requests never touched " + first,
                Console.Colour.GREEN) + " while it was down (skipped it while it cooled)");
        lines.add("");
        return lines;
    }

    // The first attempt of every request is exactly what the app got from the first provider before it had
    // a chain; only the hangs are cut short here (by this demo's SDK timeout), so their cost is stated at
    // the SDK's default timeout.
    private List<String> withoutTheChain(Console console, String first) {
        Map<String, Integer> failures = new TreeMap<>();
        int hangs = 0;
        int skipped = 0;
        for (Served request : served) {
            Attempt attempt = request.first().orElse(null);
            if (attempt == null || attempt.outcome() == Attempt.Outcome.SUCCEEDED) {
                continue;
            }
            if (attempt.outcome() == Attempt.Outcome.SKIPPED_UNHEALTHY) {
                skipped++;
                continue;
            }
            String outcome = Served.outcome(attempt);
            failures.merge(outcome, 1, Integer::sum);
            if (outcome.startsWith("timeout")) {
                hangs++;
            }
        }
        int failed = failures.values().stream().mapToInt(Integer::intValue).sum();
        List<String> lines = new ArrayList<>();
        lines.add("without the chain (" + first + " alone, as the app called it before):");
        String notCounted = skipped == 0 ? ""
                : " (and the " + skipped + " that skipped it while it cooled, not counted: it was not asked)";
        if (failed == 0) {
            lines.add("  no request that reached it would have failed" + notCounted);
            return lines;
        }
        String breakdown = failures.entrySet().stream().map(e -> e.getValue() + " " + console.times() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        lines.add("  " + console.paint(failed + " of " + served.size() + " requests would have failed",
                Console.Colour.RED) + " (" + breakdown + ")" + notCounted);
        if (hangs > 0) {
            Duration perTry = sdkDefaultTimeout;
            Duration withRetries = perTry.multipliedBy(1L + sdkDefaultRetries);
            lines.add("  the " + hangs + " that hung would each have waited " + human(perTry) + " (the SDK's default "
                    + "timeout), " + human(withRetries) + " with its " + sdkDefaultRetries + " default retries: "
                    + human(withRetries.multipliedBy(hangs)) + " of waiting in all");
        }
        return lines;
    }

    private static String row(String label, List<Duration> latencies) {
        if (latencies.isEmpty()) {
            return String.format(Locale.ROOT, "  %-16s %8d %9s %9s %9s", label, 0, "-", "-", "-");
        }
        List<Duration> sorted = latencies.stream().sorted().collect(Collectors.toList());
        return String.format(Locale.ROOT, "  %-16s %8d %9s %9s %9s", label, sorted.size(),
                millis(percentile(sorted, 50)), millis(percentile(sorted, 95)), millis(sorted.get(sorted.size() - 1)));
    }

    /** Nearest-rank percentile of sorted values. */
    static Duration percentile(List<Duration> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    static String millis(Duration duration) {
        long millis = duration.toMillis();
        return millis < 10_000 ? millis + " ms" : seconds(duration);
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static String human(Duration duration) {
        if (duration.toHours() >= 1) {
            long minutes = duration.toMinutes();
            return minutes % 60 == 0 ? minutes / 60 + " h" : String.format(Locale.ROOT, "%.1f h", minutes / 60.0);
        }
        if (duration.toMinutes() >= 1) {
            return duration.toMinutes() + " min";
        }
        return seconds(duration);
    }
}
