package dev.llmfallback.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmfallback.FallbackChain;
import dev.llmfallback.OutageCooldown;
import dev.llmfallback.ProviderHealth;
import dev.llmfallback.TestClock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No prompt in any meter: a marker prompt, which every provider's failure quotes in its message, is looked for in
 * every meter's name, description, tag key and tag value after calls that end in every way.
 */
class MetricsPrivacyTest {

    private static final String MARKER = "MARKER-prompt-7f3a";

    @Test
    @SuppressWarnings("try")
    void markerPrompt_reachesNoMeterNameTagOrDescription() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TestClock clock = new TestClock();
        ProviderHealth health = clock.health();
        MicrometerFallbackListener listener = new MicrometerFallbackListener(registry, health);
        String prompt = MARKER + " my secret question";
        try (AutoCloseable transitions = health.onTransition(listener::healthTransition)) {
            FallbackChain<String, String> cooling = clock.on(FallbackChain.<String, String>builder(), health)
                    .listener(listener).health(OutageCooldown.INSTANCE)
                    .provider("anthropic", p -> {
                        throw new MicrometerFallbackListenerTest.ProviderError(529, p);
                    })
                    .provider("openai", p -> p.length() > 0 ? "o" : "").build();
            cooling.run(prompt);
            cooling.run(prompt);
            FallbackChain<String, String> failing = clock.on(FallbackChain.<String, String>builder(), health)
                    .listener(listener)
                    .provider("a", p -> {
                        throw new IllegalStateException(p);
                    }).build();
            catchThrowable(() -> failing.run(prompt));
            FallbackChain<String, String> slow = clock.on(FallbackChain.<String, String>builder(), health)
                    .listener(listener)
                    .provider("slow", p -> {
                        clock.advance(Duration.ofSeconds(5));
                        throw new RuntimeException(p);
                    }, Duration.ofSeconds(1))
                    .provider("b", p -> {
                        throw new MicrometerFallbackListenerTest.ProviderError(500, p);
                    }).build();
            catchThrowable(() -> slow.run(prompt));
        }

        List<String> seen = new ArrayList<>();
        for (Meter meter : registry.getMeters()) {
            seen.add(meter.getId().getName());
            seen.add(String.valueOf(meter.getId().getDescription()));
            for (Tag tag : meter.getId().getTags()) {
                seen.add(tag.getKey());
                seen.add(tag.getValue());
            }
        }
        assertThat(registry.getMeters()).hasSizeGreaterThan(8);
        assertThat(seen).noneMatch(text -> text.contains(MARKER));
    }
}
