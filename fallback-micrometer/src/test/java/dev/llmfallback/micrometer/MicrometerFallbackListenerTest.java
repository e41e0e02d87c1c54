package dev.llmfallback.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmfallback.AllProvidersFailedException;
import dev.llmfallback.FallbackChain;
import dev.llmfallback.HasStatusCode;
import dev.llmfallback.OutageCooldown;
import dev.llmfallback.ProviderHealth;
import dev.llmfallback.TestClock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The meters of SPEC §11 in a real {@link SimpleMeterRegistry}: for each way a call ends, exactly which meters
 * exist, with which tags and counts, and what they timed. Chains run on a test clock, so durations are exact.
 */
class MicrometerFallbackListenerTest {

    static final String PROMPT = "MARKER-prompt-7f3a: summarize the patient's file";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TestClock clock = new TestClock();
    private final ProviderHealth health = clock.health();
    private final MicrometerFallbackListener listener = new MicrometerFallbackListener(registry, health);

    /** A provider failure with a status, whose message quotes the prompt as some SDKs' do. */
    static final class ProviderError extends RuntimeException implements HasStatusCode {
        private static final long serialVersionUID = 1L;
        private final int status;

        ProviderError(int status, String prompt) {
            super("HTTP " + status + " for request " + prompt);
            this.status = status;
        }

        @Override
        public int statusCode() {
            return status;
        }
    }

    private FallbackChain.Builder<String, String> builder() {
        return clock.on(FallbackChain.<String, String>builder(), health).name("summarize").listener(listener);
    }

    private String answer(String provider, Duration takes) {
        clock.advance(takes);
        return provider;
    }

    private String fail(int status, Duration takes, String prompt) {
        clock.advance(takes);
        throw new ProviderError(status, prompt);
    }

    /** Every timer and counter as {@code name{tags} count}, and gauges as {@code name{tags} = value}, sorted. */
    static List<String> meters(SimpleMeterRegistry registry) {
        return registry.getMeters().stream().map(MicrometerFallbackListenerTest::describe).sorted()
                .collect(Collectors.toList());
    }

    private static String describe(Meter meter) {
        String tags = meter.getId().getTags().stream().map(t -> t.getKey() + "=" + t.getValue())
                .collect(Collectors.joining(","));
        String head = meter.getId().getName() + "{" + tags + "}";
        if (meter instanceof Timer) {
            return head + " count=" + ((Timer) meter).count();
        }
        if (meter instanceof io.micrometer.core.instrument.Counter) {
            return head + " count=" + (long) ((io.micrometer.core.instrument.Counter) meter).count();
        }
        if (meter instanceof io.micrometer.core.instrument.Gauge) {
            return head + " value=" + (long) ((io.micrometer.core.instrument.Gauge) meter).value();
        }
        return head;
    }

    private double millis(String name, String... tags) {
        return registry.get(name).tags(tags).timer().totalTime(java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Test
    void happyCall_oneCallServedByTheHead_oneSucceededAttempt() throws Exception {
        FallbackChain<String, String> chain = builder()
                .provider("anthropic", p -> answer("a", Duration.ofMillis(120)))
                .provider("openai", p -> "o").build();

        chain.run(PROMPT);

        assertThat(meters(registry)).containsExactly(
                "llm_fallback.attempts{chain=summarize,error=none,outcome=succeeded,provider=anthropic} count=1",
                "llm_fallback.calls{chain=summarize,fallback=false,outcome=success,served_by=anthropic} count=1",
                "llm_fallback.provider.state{provider=anthropic} value=0",
                "llm_fallback.provider.state{provider=openai} value=0");
        assertThat(millis("llm_fallback.attempts", "provider", "anthropic")).isEqualTo(120.0);
        assertThat(millis("llm_fallback.calls", "served_by", "anthropic")).isEqualTo(120.0);
    }

    @Test
    void fallOver_failedAttemptTaggedWithItsStatus_callServedByTheFallback() throws Exception {
        FallbackChain<String, String> chain = builder()
                .provider("anthropic", p -> fail(529, Duration.ofMillis(40), p))
                .provider("openai", p -> answer("o", Duration.ofMillis(200))).build();

        chain.run(PROMPT);
        chain.run(PROMPT);

        assertThat(meters(registry)).containsExactly(
                "llm_fallback.attempts{chain=summarize,error=529,outcome=failed,provider=anthropic} count=2",
                "llm_fallback.attempts{chain=summarize,error=none,outcome=succeeded,provider=openai} count=2",
                "llm_fallback.calls{chain=summarize,fallback=true,outcome=success,served_by=openai} count=2",
                "llm_fallback.provider.state{provider=anthropic} value=0",
                "llm_fallback.provider.state{provider=openai} value=0");
        assertThat(millis("llm_fallback.calls", "served_by", "openai")).isEqualTo(480.0);
    }

    @Test
    void stop_isACallThatNoProviderServed() {
        FallbackChain<String, String> chain = builder()
                .provider("anthropic", p -> fail(400, Duration.ofMillis(10), p))
                .provider("openai", p -> "o").build();

        assertThat(catchThrowable(() -> chain.run(PROMPT))).isInstanceOf(ProviderError.class);

        assertThat(meters(registry)).containsExactly(
                "llm_fallback.attempts{chain=summarize,error=400,outcome=stopped,provider=anthropic} count=1",
                "llm_fallback.calls{chain=summarize,fallback=false,outcome=stopped,served_by=none} count=1",
                "llm_fallback.provider.state{provider=anthropic} value=0",
                "llm_fallback.provider.state{provider=openai} value=0");
    }

    @Test
    void allFailed_countsEveryAttemptAndOneFailedCall() {
        FallbackChain<String, String> chain = builder()
                .provider("anthropic", p -> fail(503, Duration.ofMillis(10), p))
                .provider("openai", p -> {
                    throw new java.net.ConnectException("refused");
                }).build();

        assertThat(catchThrowable(() -> chain.run(PROMPT))).isInstanceOf(AllProvidersFailedException.class);

        assertThat(meters(registry)).containsExactly(
                "llm_fallback.attempts{chain=summarize,error=503,outcome=failed,provider=anthropic} count=1",
                "llm_fallback.attempts{chain=summarize,error=ConnectException,outcome=failed,provider=openai} count=1",
                "llm_fallback.calls{chain=summarize,fallback=false,outcome=all_failed,served_by=none} count=1",
                "llm_fallback.provider.state{provider=anthropic} value=0",
                "llm_fallback.provider.state{provider=openai} value=0");
    }

    @Test
    @SuppressWarnings("try")
    void skippedUnhealthyLink_isAnAttemptOfItsOwn_andTheProviderShowsCooling() throws Exception {
        try (AutoCloseable transitions = health.onTransition(listener::healthTransition)) {
            FallbackChain<String, String> chain = builder()
                    .provider("anthropic", p -> fail(529, Duration.ofMillis(30), p))
                    .provider("openai", p -> answer("o", Duration.ofMillis(100)))
                    .health(OutageCooldown.INSTANCE).build();

            chain.run(PROMPT);
            chain.run(PROMPT);
        }

        assertThat(meters(registry)).containsExactly(
                "llm_fallback.attempts{chain=summarize,error=529,outcome=failed,provider=anthropic} count=1",
                "llm_fallback.attempts{chain=summarize,error=none,outcome=skipped_unhealthy,provider=anthropic} count=1",
                "llm_fallback.attempts{chain=summarize,error=none,outcome=succeeded,provider=openai} count=2",
                "llm_fallback.calls{chain=summarize,fallback=true,outcome=success,served_by=openai} count=2",
                "llm_fallback.provider.state{provider=anthropic} value=1",
                "llm_fallback.provider.state{provider=openai} value=0",
                "llm_fallback.provider.transitions{from=healthy,provider=anthropic,to=cooling} count=1");
        assertThat(millis("llm_fallback.attempts", "outcome", "skipped_unhealthy")).isZero();
    }

    @Test
    void timeout_isTaggedTimedOut() throws Exception {
        FallbackChain<String, String> chain = builder()
                .provider("anthropic", p -> answer("late", Duration.ofSeconds(3)), Duration.ofSeconds(2))
                .provider("openai", p -> "o").build();

        chain.run(PROMPT);

        assertThat(meters(registry)).containsExactly(
                "llm_fallback.attempts{chain=summarize,error=TimeoutException,outcome=timed_out,provider=anthropic} count=1",
                "llm_fallback.attempts{chain=summarize,error=none,outcome=succeeded,provider=openai} count=1",
                "llm_fallback.calls{chain=summarize,fallback=true,outcome=success,served_by=openai} count=1",
                "llm_fallback.provider.state{provider=anthropic} value=0",
                "llm_fallback.provider.state{provider=openai} value=0");
    }

    @Test
    void boundProcessWide_recordsChainsWithoutAListenerOfTheirOwn_untilClosed() throws Exception {
        SimpleMeterRegistry global = new SimpleMeterRegistry();
        FallbackChain<String, String> chain = clock.on(FallbackChain.<String, String>builder(), health)
                .provider("solo", p -> "s").build();
        try (LlmFallbackMetrics metrics = new LlmFallbackMetrics(health)) {
            metrics.bindTo(global);
            chain.run(PROMPT);
        }
        chain.run(PROMPT);

        assertThat(meters(global)).containsExactly(
                "llm_fallback.attempts{chain=solo,error=none,outcome=succeeded,provider=solo} count=1",
                "llm_fallback.calls{chain=solo,fallback=false,outcome=success,served_by=solo} count=1",
                "llm_fallback.provider.state{provider=solo} value=0");
    }
}
