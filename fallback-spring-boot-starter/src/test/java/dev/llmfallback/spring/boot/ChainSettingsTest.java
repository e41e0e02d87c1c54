package dev.llmfallback.spring.boot;

import static dev.llmfallback.spring.boot.TunedAppRun.TEXT;
import static dev.llmfallback.spring.boot.TunedAppRun.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmfallback.AllProvidersFailedException;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.ProviderHealth;
import dev.llmfallback.examples.fake.Behaviour;
import dev.llmfallback.spring.actuate.ChainDescription;
import dev.llmfallback.spring.actuate.ProviderHealthReport;
import dev.llmfallback.spring.boot.app.InMemoryTracing;
import dev.llmfallback.spring.boot.app.TunedSummaries;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;

/**
 * The application's configuration changes how its annotated chains run: a provider's timeout and health policy from
 * {@code llm-fallback.providers.*}, a chain's deadline from {@code llm-fallback.chains.*}, a placeholder timeout from
 * the environment. And the metrics and tracing the starter wires are fed by those chains.
 */
class ChainSettingsTest {

    static TunedAppRun app;

    @BeforeAll
    static void start() {
        app = new TunedAppRun(WebApplicationType.NONE, new Class<?>[] {InMemoryTracing.class});
    }

    @AfterEach
    void healthy() {
        ProviderHealth.shared().resetAll();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    static TunedSummaries summaries() {
        return app.bean(TunedSummaries.class);
    }

    @Test
    void providerTimeoutFromProperties_endsAHang_andTheNextProviderAnswers() {
        // The annotation has no timeout: without llm-fallback.providers.anthropic.timeout=1s this call would wait for
        // the SDK's own 10 s timeout and record a FAILED attempt, never a TIMED_OUT one.
        app.anthropic.enqueue(Behaviour.hang());

        String answer = summaries().summarize(TEXT);

        assertThat(answer).startsWith("[fake openai]");
        assertThat(path()).containsExactly("anthropic TIMED_OUT", "openai SUCCEEDED");
        assertThat(FallbackTrace.current().attempts().get(0).duration()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void healthFromProperties_coolsAnOverloadedProvider_forTheConfiguredTime_andChainsSkipIt() {
        // The annotation says NoCooldown; llm-fallback.providers.anthropic.health.overloaded=2s turns OutageCooldown
        // on with a 2 s first cooldown (its default is 5 s).
        app.anthropic.enqueue(Behaviour.overloaded());
        Instant before = Instant.now();

        summaries().summarize(TEXT);

        assertThat(path()).containsExactly("anthropic FAILED", "openai SUCCEEDED");
        ProviderHealth.State state = ProviderHealth.shared().state("anthropic");
        assertThat(state.status()).isEqualTo(ProviderHealth.Status.COOLING);
        assertThat(state.until()).get().satisfies(until -> assertThat(until)
                .isAfter(before).isBeforeOrEqualTo(Instant.now().plus(Duration.ofSeconds(2))));

        int asked = app.anthropic.requestCount();
        String answer = summaries().summarize(TEXT);

        assertThat(answer).startsWith("[fake openai]");
        assertThat(path()).containsExactly("anthropic SKIPPED_UNHEALTHY", "openai SUCCEEDED");
        assertThat(app.anthropic.requestCount()).isEqualTo(asked);
    }

    @Test
    void placeholderTimeout_resolvesAgainstTheEnvironment() {
        app.anthropic.enqueue(Behaviour.hang());

        String answer = summaries().summarizeWithin(TEXT);

        assertThat(answer).startsWith("[fake openai]");
        assertThat(path()).containsExactly("claude TIMED_OUT", "openai SUCCEEDED");
        assertThat(chain("TunedSummaries.summarizeWithin").links().get(0).timeout()).isEqualTo("PT1.5S");
    }

    @Test
    void chainDeadlineFromProperties_endsTheChain_withTheRestNotTried() {
        app.anthropic.enqueue(Behaviour.hang());
        int openAiAsked = app.openAi.requestCount();

        assertThatThrownBy(() -> summaries().summarizeBriefly(TEXT)).isInstanceOf(AllProvidersFailedException.class);

        assertThat(path()).containsExactly("anthropic-batch TIMED_OUT", "openai NOT_TRIED");
        assertThat(app.openAi.requestCount()).isEqualTo(openAiAsked);
        assertThat(chain("TunedSummaries.summarizeBriefly").deadline()).isEqualTo("PT1.2S");
    }

    @Test
    void metrics_arePresentInTheApplicationsRegistry_afterACall() {
        summaries().summarize(TEXT);

        Timer calls = app.bean(MeterRegistry.class).find("llm_fallback.calls")
                .tag("chain", "TunedSummaries.summarize").tag("served_by", "anthropic").timer();
        assertThat(calls).isNotNull();
        assertThat(calls.count()).isPositive();
        assertThat(app.bean(MeterRegistry.class).find("llm_fallback.attempts").tag("provider", "anthropic").timer())
                .isNotNull();
    }

    @Test
    void tracing_exportsTheChainsSpans_throughTheApplicationsOpenTelemetry() {
        InMemorySpanExporter exporter = app.bean(InMemorySpanExporter.class);
        exporter.reset();

        summaries().summarize(TEXT);

        assertThat(exporter.getFinishedSpanItems()).extracting(SpanData::getName)
                .contains("llm_fallback TunedSummaries.summarize", "llm_fallback.attempt anthropic");
    }

    static ChainDescription chain(String name) {
        return app.bean(ProviderHealthReport.class).chains().stream().filter(chain -> chain.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no chain " + name));
    }
}
