package dev.llmfallback.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmfallback.FallbackChain;
import dev.llmfallback.OutageCooldown;
import dev.llmfallback.ProviderHealth;
import dev.llmfallback.TestClock;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No prompt in any span: a marker prompt, which every provider's failure quotes in its message, is looked for in
 * every span's name, attributes, status description, events and event attributes, after calls that end in every way.
 */
class TracePrivacyTest {

    private static final String MARKER = "MARKER-prompt-7f3a";

    @Test
    void markerPrompt_reachesNoSpanNameAttributeStatusOrEvent() throws Exception {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        List<String> seen = new ArrayList<>();
        List<SpanData> spans = new ArrayList<>();
        try (SdkTracerProvider provider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()) {
            OpenTelemetryFallbackListener listener = new OpenTelemetryFallbackListener(provider.get("dev.llmfallback"));
            TestClock clock = new TestClock();
            ProviderHealth health = clock.health();
            String prompt = MARKER + " my secret question";
            FallbackChain<String, String> cooling = clock.on(FallbackChain.<String, String>builder(), health)
                    .listener(listener).health(OutageCooldown.INSTANCE)
                    .provider("anthropic", p -> {
                        throw new OpenTelemetryFallbackListenerTest.ProviderError(529, p);
                    })
                    .provider("openai", p -> p.isEmpty() ? "" : "o").build();
            cooling.run(prompt);
            cooling.run(prompt);
            FallbackChain<String, String> stopping = clock.on(FallbackChain.<String, String>builder(), health)
                    .listener(listener)
                    .provider("a", p -> {
                        throw new IllegalStateException(p);
                    }).build();
            catchThrowable(() -> stopping.run(prompt));
            FallbackChain<String, String> slow = clock.on(FallbackChain.<String, String>builder(), health)
                    .listener(listener)
                    .provider("slow", p -> {
                        clock.advance(Duration.ofSeconds(5));
                        throw new RuntimeException(p);
                    }, Duration.ofSeconds(1))
                    .provider("b", p -> {
                        throw new OpenTelemetryFallbackListenerTest.ProviderError(500, p);
                    }).build();
            catchThrowable(() -> slow.run(prompt));
            catchThrowable(() -> FallbackChain.<String, String>builder().listener(listener)
                    .asyncProvider("async", p -> java.util.concurrent.CompletableFuture.failedFuture(
                            new IllegalArgumentException(p)))
                    .build().runAsync(prompt).join());
            spans.addAll(exporter.getFinishedSpanItems());
        }

        for (SpanData span : spans) {
            seen.add(span.getName());
            seen.add(span.getStatus().getDescription());
            span.getAttributes().forEach((key, value) -> {
                seen.add(key.getKey());
                seen.add(String.valueOf(value));
            });
            for (EventData event : span.getEvents()) {
                seen.add(event.getName());
                event.getAttributes().forEach((key, value) -> {
                    seen.add(key.getKey());
                    seen.add(String.valueOf(value));
                });
            }
        }
        assertThat(spans).hasSizeGreaterThanOrEqualTo(11);
        assertThat(seen).noneMatch(text -> text.contains(MARKER));
    }
}
