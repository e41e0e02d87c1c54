package dev.llmfallback.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmfallback.FallbackChain;
import dev.llmfallback.HasStatusCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The demo's metrics flag: off, nothing is recorded or printed; on, every meter is printed once the demo ends. */
class DemoMetricsTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Console console = Console.plain(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);

    /** A 529 whose message quotes the prompt. */
    static final class Overloaded extends RuntimeException implements HasStatusCode {
        private static final long serialVersionUID = 1L;

        Overloaded(String prompt) {
            super("529 for " + prompt);
        }

        @Override
        public int statusCode() {
            return 529;
        }
    }

    private final FallbackChain<String, String> chain = FallbackChain.<String, String>builder().name("demo-test")
            .provider("anthropic", p -> {
                throw new Overloaded(p);
            })
            .provider("openai", p -> "summary").build();

    private void call(String prompt) {
        try {
            chain.run(prompt);
        } catch (Exception unexpected) {
            throw new AssertionError(unexpected);
        }
    }

    @AfterEach
    void clearFlag() {
        System.clearProperty(DemoMetrics.PROPERTY);
    }

    @Test
    void flagOn_printsEveryMeterAfterTheDemo() throws Exception {
        System.setProperty(DemoMetrics.PROPERTY, "true");

        int status = DemoMetrics.around(console, () -> {
            call("MARKER-prompt");
            call("MARKER-prompt");
            return 0;
        });

        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(status).isZero();
        assertThat(printed).contains("Micrometer meters")
                .containsPattern("llm_fallback\\.attempts +chain=demo-test error=529 outcome=failed provider=anthropic"
                        + "  count=2 ")
                .containsPattern("llm_fallback\\.calls +chain=demo-test fallback=true outcome=success served_by=openai"
                        + "  count=2 ")
                .containsPattern("llm_fallback\\.provider\\.state +provider=anthropic  value=0")
                .doesNotContain("MARKER-prompt");
    }

    @Test
    void flagOff_recordsAndPrintsNothing() throws Exception {
        int status = DemoMetrics.around(console, () -> {
            call("prompt");
            return 3;
        });

        assertThat(status).isEqualTo(3);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
