package dev.llmfallback.examples.demo;

import dev.llmfallback.micrometer.LlmFallbackMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The demo's metrics: with {@code -Dllmfallback.demo.metrics=true} (mvn: the same flag), every chain of the
 * demo is recorded by {@link LlmFallbackMetrics} into a {@link SimpleMeterRegistry}, and its meters are printed
 * at the end, one line each, as a dashboard would show them. Without the flag, nothing is registered.
 */
final class DemoMetrics {

    /** The system property that turns the metrics on. */
    static final String PROPERTY = "llmfallback.demo.metrics";

    /** The demo itself, returning its exit status. */
    @FunctionalInterface
    interface Demo {
        int run() throws InterruptedException;
    }

    private DemoMetrics() {
    }

    /**
     * Runs {@code demo}, recording and then printing its meters when {@link #PROPERTY} is {@code true}.
     *
     * @param console where the meters are printed
     * @param demo    the demo
     * @return the demo's exit status
     * @throws InterruptedException if the demo was interrupted
     */
    static int around(Console console, Demo demo) throws InterruptedException {
        if (!Boolean.getBoolean(PROPERTY)) {
            return demo.run();
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        int status;
        try (LlmFallbackMetrics metrics = new LlmFallbackMetrics()) {
            metrics.bindTo(registry);
            status = demo.run();
        }
        console.println("");
        console.println(console.paint("Micrometer meters (" + PROPERTY + "=true): what a dashboard would show",
                Console.Colour.BOLD));
        lines(registry).forEach(console::println);
        return status;
    }

    /**
     * Every meter as one line: name, tags, and its count and times (timers), count (counters) or value
     * (gauges); sorted by name and tags.
     *
     * @param registry the registry
     * @return the lines
     */
    static List<String> lines(SimpleMeterRegistry registry) {
        List<Meter> meters = new ArrayList<>(registry.getMeters());
        meters.sort(Comparator.comparing((Meter m) -> m.getId().getName()).thenComparing(DemoMetrics::tags));
        List<String> lines = new ArrayList<>();
        for (Meter meter : meters) {
            String head = String.format(Locale.ROOT, "  %-34s %s", meter.getId().getName(), tags(meter));
            if (meter instanceof Timer) {
                Timer timer = (Timer) meter;
                lines.add(String.format(Locale.ROOT, "%s  count=%d mean=%.0f ms max=%.0f ms", head, timer.count(),
                        timer.mean(TimeUnit.MILLISECONDS), timer.max(TimeUnit.MILLISECONDS)));
            } else if (meter instanceof Counter) {
                lines.add(String.format(Locale.ROOT, "%s  count=%.0f", head, ((Counter) meter).count()));
            } else if (meter instanceof Gauge) {
                lines.add(String.format(Locale.ROOT, "%s  value=%.0f", head, ((Gauge) meter).value()));
            }
        }
        return lines;
    }

    private static String tags(Meter meter) {
        return meter.getId().getTags().stream().map(DemoMetrics::tag).collect(Collectors.joining(" "));
    }

    private static String tag(Tag tag) {
        return tag.getKey() + "=" + tag.getValue();
    }
}
