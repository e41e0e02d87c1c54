package dev.llmfallback.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmfallback.AllProvidersFailedException;
import dev.llmfallback.FallbackChain;
import dev.llmfallback.HasStatusCode;
import dev.llmfallback.OutageCooldown;
import dev.llmfallback.ProviderHealth;
import dev.llmfallback.TestClock;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The spans of SPEC §11 with the OpenTelemetry SDK and its in-memory exporter: names, kinds, parent/child
 * structure (a span the provider makes nests under its attempt's, on the caller's thread, a timed attempt's
 * worker and an async run's), attributes, error status and skipped links as events.
 */
@SuppressWarnings("try")
class OpenTelemetryFallbackListenerTest {

    static final String PROMPT = "MARKER-prompt-7f3a: summarize the patient's file";

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    private final Tracer tracer = provider.get("test");
    private final OpenTelemetryFallbackListener listener = new OpenTelemetryFallbackListener(provider.get("dev.llmfallback"));

    @AfterEach
    void close() {
        provider.close();
    }

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

    /** What an instrumented HTTP client does inside the provider: a span under whatever is current. */
    private String httpCall(String answer) {
        Span http = tracer.spanBuilder("POST /v1/messages").setSpanKind(SpanKind.CLIENT).startSpan();
        http.end();
        return answer;
    }

    private SpanData span(String name) {
        return exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + names()));
    }

    private List<String> names() {
        return exporter.getFinishedSpanItems().stream().map(SpanData::getName).sorted().collect(Collectors.toList());
    }

    private static void assertChildOf(SpanData child, SpanData parent) {
        assertThat(child.getTraceId()).isEqualTo(parent.getTraceId());
        assertThat(child.getParentSpanId()).as(child.getName() + "'s parent").isEqualTo(parent.getSpanId());
    }

    @Test
    void happyCall_chainSpanWithOneAttempt_andTheProvidersOwnSpanUnderIt() throws Exception {
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder().name("summarize")
                .listener(listener)
                .provider("anthropic", p -> httpCall("a"))
                .provider("openai", p -> "o").build();

        Span outer = tracer.spanBuilder("request").startSpan();
        try (Scope ignored = outer.makeCurrent()) {
            chain.run(PROMPT);
        } finally {
            outer.end();
        }

        assertThat(names()).containsExactly("POST /v1/messages", "llm_fallback summarize",
                "llm_fallback.attempt anthropic", "request");
        SpanData chainSpan = span("llm_fallback summarize");
        SpanData attempt = span("llm_fallback.attempt anthropic");
        assertChildOf(chainSpan, span("request"));
        assertChildOf(attempt, chainSpan);
        assertChildOf(span("POST /v1/messages"), attempt);
        assertThat(chainSpan.getKind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(attempt.getKind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(chainSpan.getAttributes().asMap()).isEqualTo(Attributes.builder()
                .put("llm_fallback.chain", "summarize")
                .put("llm_fallback.attempts", 1L)
                .put("llm_fallback.outcome", "success")
                .put("llm_fallback.served_by", "anthropic")
                .put("llm_fallback.fallback", false).build().asMap());
        assertThat(attempt.getAttributes().asMap()).isEqualTo(Attributes.builder()
                .put("llm_fallback.chain", "summarize")
                .put("llm_fallback.provider", "anthropic")
                .put("llm_fallback.attempt.index", 0L)
                .put("llm_fallback.attempt.outcome", "succeeded").build().asMap());
        assertThat(chainSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
    }

    @Test
    void fallOver_failedAttemptHasErrorStatusTypeAndHttpStatus() throws Exception {
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder().name("summarize")
                .listener(listener)
                .provider("anthropic", p -> {
                    throw new ProviderError(529, p);
                })
                .provider("openai", p -> httpCall("o")).build();

        chain.run(PROMPT);

        SpanData failed = span("llm_fallback.attempt anthropic");
        assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(failed.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("529");
        assertThat(failed.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(529L);
        assertThat(failed.getAttributes().get(AttributeKey.stringKey("llm_fallback.attempt.outcome"))).isEqualTo("failed");
        assertThat(failed.getEvents()).isEmpty();
        SpanData chainSpan = span("llm_fallback summarize");
        assertChildOf(span("POST /v1/messages"), span("llm_fallback.attempt openai"));
        assertThat(chainSpan.getAttributes().get(AttributeKey.stringKey("llm_fallback.served_by"))).isEqualTo("openai");
        assertThat(chainSpan.getAttributes().get(AttributeKey.booleanKey("llm_fallback.fallback"))).isTrue();
        assertThat(chainSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void allFailed_chainSpanIsAnError() {
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder().name("summarize")
                .listener(listener)
                .provider("anthropic", p -> {
                    throw new ProviderError(503, p);
                })
                .provider("openai", p -> {
                    throw new java.net.ConnectException("refused");
                }).build();

        assertThat(catchThrowable(() -> chain.run(PROMPT))).isInstanceOf(AllProvidersFailedException.class);

        SpanData chainSpan = span("llm_fallback summarize");
        assertThat(chainSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(chainSpan.getAttributes().get(AttributeKey.stringKey("error.type")))
                .isEqualTo(AllProvidersFailedException.class.getName());
        assertThat(chainSpan.getAttributes().get(AttributeKey.stringKey("llm_fallback.outcome"))).isEqualTo("all_failed");
        assertThat(span("llm_fallback.attempt openai").getAttributes().get(AttributeKey.stringKey("error.type")))
                .isEqualTo("java.net.ConnectException");
    }

    @Test
    void timedAttempt_providerSpanOnTheWorkerNestsUnderTheAttempt() throws Exception {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder().name("summarize")
                .listener(listener)
                .provider("anthropic", p -> {
                    ranOn.set(Thread.currentThread());
                    return httpCall("a");
                }, Duration.ofSeconds(30)).build();

        chain.run(PROMPT);

        assertThat(ranOn.get()).isNotSameAs(Thread.currentThread());
        assertChildOf(span("POST /v1/messages"), span("llm_fallback.attempt anthropic"));
        assertChildOf(span("llm_fallback.attempt anthropic"), span("llm_fallback summarize"));
    }

    @Test
    void asyncChain_spansNestUnderTheCallersContext_andTheProvidersUnderTheirAttempts() {
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder().name("summarize")
                .listener(listener)
                .provider("anthropic", p -> {
                    httpCall("ignored");
                    throw new ProviderError(529, p);
                })
                .asyncProvider("openai", p -> CompletableFuture.completedFuture(httpCall("o"))).build();

        Span outer = tracer.spanBuilder("request").startSpan();
        CompletableFuture<String> answer;
        try (Scope ignored = outer.makeCurrent()) {
            answer = chain.runAsync(PROMPT);
        } finally {
            outer.end();
        }

        assertThat(answer.join()).isEqualTo("o");
        SpanData chainSpan = span("llm_fallback summarize");
        assertChildOf(chainSpan, span("request"));
        List<SpanData> http = exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("POST /v1/messages")).collect(Collectors.toList());
        assertThat(http).hasSize(2);
        assertChildOf(http.get(0), span("llm_fallback.attempt anthropic"));
        assertChildOf(http.get(1), span("llm_fallback.attempt openai"));
        assertChildOf(span("llm_fallback.attempt openai"), chainSpan);
    }

    @Test
    void skippedUnhealthyLink_isAnEventOnTheChainSpan() throws Exception {
        TestClock clock = new TestClock();
        ProviderHealth health = clock.health();
        FallbackChain<String, String> chain = clock.on(FallbackChain.<String, String>builder(), health)
                .name("summarize").listener(listener).health(OutageCooldown.INSTANCE)
                .provider("anthropic", p -> {
                    throw new ProviderError(529, p);
                })
                .provider("openai", p -> "o").build();
        chain.run(PROMPT);
        exporter.reset();

        chain.run(PROMPT);

        assertThat(names()).containsExactly("llm_fallback summarize", "llm_fallback.attempt openai");
        SpanData chainSpan = span("llm_fallback summarize");
        assertThat(chainSpan.getEvents()).hasSize(1);
        assertThat(chainSpan.getEvents().get(0).getName()).isEqualTo("llm_fallback.skipped");
        assertThat(chainSpan.getEvents().get(0).getAttributes().asMap()).isEqualTo(Attributes.builder()
                .put("llm_fallback.provider", "anthropic")
                .put("llm_fallback.attempt.index", 0L)
                .put("llm_fallback.attempt.outcome", "skipped_unhealthy").build().asMap());
    }

    @Test
    void timedOutAttempt_isAnErrorOfTypeTimeout() throws Exception {
        TestClock clock = new TestClock();
        FallbackChain<String, String> chain = clock.on(FallbackChain.<String, String>builder(), clock.health())
                .name("summarize").listener(listener)
                .provider("anthropic", p -> {
                    clock.advance(Duration.ofSeconds(3));
                    return "late";
                }, Duration.ofSeconds(2))
                .provider("openai", p -> "o").build();

        chain.run(PROMPT);

        SpanData timedOut = span("llm_fallback.attempt anthropic");
        assertThat(timedOut.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(timedOut.getAttributes().get(AttributeKey.stringKey("llm_fallback.attempt.outcome"))).isEqualTo("timed_out");
        assertThat(timedOut.getAttributes().get(AttributeKey.stringKey("error.type")))
                .isEqualTo("java.util.concurrent.TimeoutException");
    }
}
