package dev.llmfallback.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmfallback.examples.fake.Behaviour;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The demo end to end, on a 3.6-second incident, woven by the agent (surefire's argLine). Every phase
 * outlasts the SDK timeout (400 ms) by enough for each path to show, with room for a slow machine.
 */
class OutageDemoTest {

    private static final Behaviour ANTHROPIC_OK = Behaviour.answer(Duration.ofMillis(20));
    private static final Behaviour OPENAI_OK = Behaviour.answer(Duration.ofMillis(30));

    private static final Duration SDK_TIMEOUT = Duration.ofMillis(400);

    // Requests sent in [1.2 s, 1.6 s) reach OpenAI before its 429s; those sent in [2.0 s, 2.6 s) reach it
    // during them.
    private static final Incident SHORT = new Incident(List.of(
            new Incident.Phase(Duration.ZERO, "healthy", ANTHROPIC_OK, OPENAI_OK),
            new Incident.Phase(Duration.ofMillis(600), "anthropic 529", Behaviour.overloaded(), OPENAI_OK),
            new Incident.Phase(Duration.ofMillis(1200), "anthropic hangs", Behaviour.hang(), OPENAI_OK),
            new Incident.Phase(Duration.ofMillis(2000), "openai 429 too", Behaviour.hang(),
                    Behaviour.rateLimited(Duration.ofSeconds(5))),
            new Incident.Phase(Duration.ofMillis(3000), "recovery", ANTHROPIC_OK, OPENAI_OK)),
            Duration.ofMillis(3600), Duration.ofMillis(100));

    @Test
    void everyRequestIsAnswered_throughEveryPath_andTheOutputIsPlain() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Console console = Console.plain(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);

        int status = OutageDemo.run(SHORT, console, SDK_TIMEOUT);

        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(status).as(output).isZero();
        assertThat(output)
                .contains("the chain is woven")
                .contains("anthropic ✓")
                .contains("anthropic 529 → openai ✓")
                .contains("anthropic timeout → openai ✓")
                .contains("anthropic timeout → openai 429 → local ✓")
                .contains("summary: 36 of 36 requests answered")
                .contains("without the chain (anthropic alone")
                .doesNotContain("\u001b");
        assertThat(output.lines().filter(line -> line.matches("\\s+\\d+\\.\\d s\\s+#\\d+ .*"))).hasSize(36);
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
