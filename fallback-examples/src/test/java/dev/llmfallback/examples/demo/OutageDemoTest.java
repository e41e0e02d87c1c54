package dev.llmfallback.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmfallback.ProviderHealth;
import dev.llmfallback.examples.fake.Behaviour;
import dev.llmfallback.internal.health.HealthRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo end to end, woven by the agent (surefire's argLine): {@link Incident#standard()}'s story told
 * {@value #FACTOR} times faster, with provider health's clock running {@value #FACTOR} times faster too (so a
 * 5 s cooldown lasts 1.25 s here) and the SDK timeout cut alike. Assertions name the paths the story must show,
 * not how many requests took each, which depends on the machine.
 */
class OutageDemoTest {

    private static final int FACTOR = 4;
    private static final Behaviour OPENAI_OK = Behaviour.answer(Duration.ofMillis(30));
    private static final Duration SDK_TIMEOUT = OutageDemo.DEMO_SDK_TIMEOUT.dividedBy(FACTOR);

    @BeforeEach
    void fastHealthClock() {
        long origin = System.nanoTime();
        HealthRegistry.SHARED.useClocks(() -> origin + (System.nanoTime() - origin) * FACTOR, Clock.systemUTC());
    }

    @AfterEach
    void systemHealthClock() {
        HealthRegistry.SHARED.useSystemClocks();
        ProviderHealth.shared().resetAll();
    }

    @Test
    void everyRequestIsAnswered_throughEveryPath_andTheOutputIsPlain() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Console console = Console.plain(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        Incident incident = Incident.compressed(FACTOR);

        int status = OutageDemo.run(incident, console, SDK_TIMEOUT);

        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(status).as(output).isZero();
        assertThat(output)
                .contains("the chain is woven")
                .contains("anthropic ✓")
                .contains("anthropic timeout → openai ✓")
                .contains("anthropic skipped (")
                .as("the probe meets the 529, and the request is answered by whoever may answer then")
                .contains("anthropic probe 529 → ")
                .contains("openai skipped (429 rate limited, retry-after")
                .contains("→ local ✓")
                .contains("anthropic probe ✓")
                .contains("summary: " + incident.requests() + " of " + incident.requests() + " requests answered")
                .contains("provider health:")
                .containsPattern("\\d+ of " + incident.requests() + " requests never touched anthropic")
                .contains("without the chain (anthropic alone")
                .doesNotContain("\u001b");
        assertThat(output.lines().filter(line -> line.matches("\\s+\\d+\\.\\d s\\s+#\\d+ .*")))
                .hasSize(incident.requests());
    }

    @Test
    void asciiOnlyOutput_whenTheEncodingHasNoArrows() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Console console = Console.plain(new PrintStream(bytes, true, StandardCharsets.US_ASCII), false);
        Incident healthy = new Incident(List.of(new Incident.Phase(Duration.ZERO, "healthy", Behaviour.overloaded(),
                OPENAI_OK)), Duration.ofMillis(300), Duration.ofMillis(100));

        int status = OutageDemo.run(healthy, console, SDK_TIMEOUT);

        String output = bytes.toString(StandardCharsets.US_ASCII);
        assertThat(status).isZero();
        assertThat(output).contains("anthropic 529 -> openai ok").doesNotContain("?");
    }
}
