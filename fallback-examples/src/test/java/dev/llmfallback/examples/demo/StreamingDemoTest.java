package dev.llmfallback.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.llmfallback.ProviderHealth;
import dev.llmfallback.examples.fake.Behaviour;
import dev.llmfallback.examples.fake.FakeProvider;
import dev.llmfallback.examples.sdk.Endpoint;
import dev.llmfallback.examples.sdk.ProviderClients;
import dev.llmfallback.internal.health.HealthRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The streaming demo end to end ({@code -Dllmfallback.demo.stream=true}): {@link Incident#streaming(int)}'s
 * story told {@value #FACTOR} times faster, with provider health's clock and the first-token timeout scaled
 * alike, as {@link OutageDemoTest} does for the blocking demo. Assertions name the paths the story must show
 * and the leak check's verdict, not how many requests took each path.
 */
class StreamingDemoTest {

    private static final int FACTOR = 4;
    private static final Duration FIRST_TOKEN = OutageDemo.DEMO_SDK_TIMEOUT.dividedBy(FACTOR);

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
    void everyRequestStreamsAnAnswer_throughEveryPath_withItsTimeToFirstToken_andNoStreamLeftOpen() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Console console = Console.plain(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        Incident incident = Incident.streaming(FACTOR);

        int status = StreamingDemo.run(incident, console, FIRST_TOKEN);

        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(status).as(output).isZero();
        assertThat(output)
                .contains("1st token")
                .containsPattern("#\\d+ +\\d+ ms +\\d+ ms  anthropic ✓")
                .as("the stall: 200 and a preamble, then nothing; the first-token timeout moves on")
                .contains("anthropic timeout → openai ✓")
                .contains("anthropic skipped (timeout")
                .as("the probe meets the in-stream overloaded_error before any token")
                .contains("anthropic probe 529 → ")
                .contains("openai skipped (429 rate limited, retry-after")
                .contains("→ local ✓")
                .contains("anthropic probe ✓")
                .contains("summary: " + incident.requests() + " of " + incident.requests() + " requests answered")
                .contains("(time to first token)")
                .containsPattern("streams: none left open \\([1-9]\\d* streams? abandoned at the first-token timeout")
                .doesNotContain("StreamInterruptedException")
                .doesNotContain("\u001b");
        assertThat(output.lines().filter(line -> line.matches("\\s+\\d+\\.\\d s\\s+#\\d+ .*")))
                .hasSize(incident.requests());
    }

    @Test
    void theLeakCheck_failsWhileAStalledStreamIsOpen_andPassesOnceItIsClosed() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Console console = Console.plain(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        try (FakeProvider anthropic = FakeProvider.anthropic(Behaviour.streamStall())) {
            AnthropicClient client = ProviderClients.anthropicStreaming(
                    Endpoint.of(anthropic, Endpoint.DEFAULT_ANTHROPIC_MODEL), Duration.ofSeconds(5),
                    Duration.ofSeconds(30));
            try {
                StreamResponse<RawMessageStreamEvent> stalled = client.messages().createStreaming(
                        MessageCreateParams.builder().model(Endpoint.DEFAULT_ANTHROPIC_MODEL).maxTokens(10)
                                .addUserMessage("hello").build());
                assertThat(stalled.stream().iterator().next().isMessageStart())
                        .as("the preamble arrived: the fake is in its stall").isTrue();

                boolean whileOpen = StreamingDemo.noStreamLeftOpen(console, 0, Duration.ofMillis(200), anthropic);
                stalled.close();
                boolean onceClosed = StreamingDemo.noStreamLeftOpen(console, 1, Duration.ofSeconds(5), anthropic);

                assertThat(whileOpen).isFalse();
                assertThat(onceClosed).isTrue();
            } finally {
                client.close();
            }
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("streams: 1 left open on the fakes (0 streams abandoned")
                .contains("streams: none left open (1 stream abandoned at the first-token timeout");
    }
}
