package dev.llmfallback.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmfallback.Attempt;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.examples.offline.ProviderHttpException;
import java.io.PrintStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static final Console CONSOLE = Console.plain(new PrintStream(PrintStream.nullOutputStream()), true);
    private static final List<String> PROVIDERS = List.of("anthropic", "openai", "local");

    @Test
    void percentiles_areNearestRank() {
        List<Duration> sorted = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            sorted.add(Duration.ofMillis(i * 10L));
        }

        assertThat(Report.percentile(sorted, 50)).isEqualTo(Duration.ofMillis(100));
        assertThat(Report.percentile(sorted, 95)).isEqualTo(Duration.ofMillis(190));
        assertThat(Report.percentile(List.of(Duration.ofMillis(7)), 95)).isEqualTo(Duration.ofMillis(7));
    }

    @Test
    void summary_countsWhoAnswered_andWhatTheFirstProviderAloneWouldHaveCost() {
        List<Served> served = List.of(
                served(1, 180, attempt(0, "anthropic", null)),
                served(2, 250, attempt(0, "anthropic", new ProviderHttpException(529, "overloaded")),
                        attempt(1, "openai", null)),
                served(3, 1000, attempt(0, "anthropic", new SocketTimeoutException("timeout")),
                        attempt(1, "openai", new ProviderHttpException(429, "rate limited")),
                        attempt(2, "local", null)));
        Report report = new Report(served, Duration.ofSeconds(3), Duration.ofMinutes(10), 2);

        List<String> lines = report.lines(CONSOLE, PROVIDERS);

        assertThat(report.allAnswered()).isTrue();
        assertThat(lines).contains("summary: 3 of 3 requests answered in 3.0 s (every request answered)")
                .contains("  anthropic               1    180 ms    180 ms    180 ms")
                .contains("  local                   1   1000 ms   1000 ms   1000 ms")
                .contains("  all                     3    250 ms   1000 ms   1000 ms")
                .contains("  2 of 3 requests would have failed (1 × 529, 1 × timeout)")
                .anyMatch(line -> line.contains("the 1 that hung would each have waited 10 min")
                        && line.contains("30 min with its 2 default retries"));
    }

    @Test
    void aRequestWithoutAnswer_isCountedAndFailsTheRun() {
        RuntimeException failure = new IllegalStateException("no answer");
        List<Served> served = List.of(new Served(1, Duration.ZERO, Duration.ofMillis(5),
                trace(attempt(0, "anthropic", new ProviderHttpException(500, "boom"))), Set.of(), failure));
        Report report = new Report(served, Duration.ofSeconds(1), Duration.ofMinutes(10), 2);

        assertThat(report.allAnswered()).isFalse();
        assertThat(report.lines(CONSOLE, PROVIDERS)).anyMatch(line -> line.contains("1 requests NOT answered"))
                .anyMatch(line -> line.startsWith("  (no answer)"));
    }

    @Test
    void providerHealth_countsSkipsAndProbes_andTheRequestsThatNeverTouchedTheFirstProvider() {
        Attempt skipped = new Attempt(0, "anthropic", "Summarizer.anthropic", Attempt.Outcome.SKIPPED_UNHEALTHY, null,
                Duration.ZERO);
        List<Served> served = List.of(
                served(1, 1000, attempt(0, "anthropic", new SocketTimeoutException("timeout")),
                        attempt(1, "openai", null)),
                served(2, 250, skipped, attempt(1, "openai", null)),
                served(3, 250, skipped, attempt(1, "openai", null)),
                new Served(4, Duration.ofMillis(400), Duration.ofMillis(300),
                        trace(attempt(0, "anthropic", new ProviderHttpException(529, "overloaded")),
                                attempt(1, "openai", null)), Set.of("anthropic"), null));
        Report report = new Report(served, Duration.ofSeconds(1), Duration.ofMinutes(10), 2);

        List<String> lines = report.lines(CONSOLE, PROVIDERS);

        assertThat(lines).contains("provider health:")
                .contains("  anthropic        skipped by 2 requests while it cooled, probed 1 time")
                .contains("  2 of 4 requests never touched anthropic while it was down (skipped it while it cooled)")
                .anyMatch(line -> line.startsWith("  2 of 4 requests would have failed")
                        && line.endsWith("(and the 2 that skipped it while it cooled, not counted: it was not asked)"));
        assertThat(served.get(1).path(CONSOLE)).isEqualTo("anthropic skipped → openai ✓");
        assertThat(served.get(3).path(CONSOLE)).isEqualTo("anthropic probe 529 → openai ✓");
    }

    @Test
    void streamed_thePercentilesAreOfTheTimeToFirstToken_orOfTheWholeTimeWithoutAToken() {
        List<Served> served = List.of(
                new Served(1, Duration.ZERO, Duration.ofMillis(900), trace(attempt(0, "anthropic", null)), Set.of(),
                        null, Duration.ofMillis(180)),
                new Served(2, Duration.ZERO, Duration.ofMillis(700), trace(attempt(0, "anthropic", null)), Set.of(),
                        null, null));
        Report report = new Report(served, Duration.ofSeconds(1), Duration.ofMinutes(10), 2, true);

        List<String> lines = report.lines(CONSOLE, PROVIDERS);

        assertThat(lines).anyMatch(line -> line.startsWith("  answered by") && line.endsWith("(time to first token)"))
                .contains("  anthropic               2    180 ms    700 ms    700 ms");
    }

    private static Served served(int number, long millis, Attempt... attempts) {
        return new Served(number, Duration.ofMillis(100L * number), Duration.ofMillis(millis), trace(attempts),
                Set.of(), null);
    }

    private static FallbackTrace trace(Attempt... attempts) {
        return FallbackTrace.of(List.of(attempts), Duration.ZERO);
    }

    private static Attempt attempt(int index, String provider, Throwable failure) {
        Attempt.Outcome outcome = failure == null ? Attempt.Outcome.SUCCEEDED : Attempt.Outcome.FAILED;
        return new Attempt(index, provider, "Summarizer." + provider, outcome, failure, Duration.ofMillis(1));
    }
}
