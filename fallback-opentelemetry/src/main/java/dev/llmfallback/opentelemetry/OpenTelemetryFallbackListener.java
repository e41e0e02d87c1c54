package dev.llmfallback.opentelemetry;

import dev.llmfallback.Attempt;
import dev.llmfallback.Failures;
import dev.llmfallback.FallbackListener;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A {@link FallbackListener} that traces chains with OpenTelemetry (see the {@linkplain dev.llmfallback.opentelemetry
 * package documentation}). Register it for every chain, or give it to one:
 * <pre>{@code
 * FallbackListener.register(new OpenTelemetryFallbackListener(openTelemetry));   // annotated chains too
 * FallbackChain.<String, String>builder().listener(new OpenTelemetryFallbackListener(openTelemetry))...
 * }</pre>
 * The chain's span is a child of the context current where the chain starts. Span attributes:
 * <ul>
 *   <li>chain span: {@code llm_fallback.chain}, {@code llm_fallback.outcome} ({@code success}, {@code stopped},
 *       {@code all_failed}), {@code llm_fallback.served_by}, {@code llm_fallback.fallback},
 *       {@code llm_fallback.attempts}; on failure, status ERROR and {@code error.type};</li>
 *   <li>attempt span: {@code llm_fallback.chain}, {@code llm_fallback.provider}, {@code llm_fallback.attempt.index},
 *       {@code llm_fallback.attempt.outcome}; on failure, status ERROR, {@code error.type} (the HTTP status, else
 *       the failure's class name) and {@code http.response.status_code} when there is one;</li>
 *   <li>event {@code llm_fallback.skipped} on the chain span for a link not called, with
 *       {@code llm_fallback.provider}, {@code llm_fallback.attempt.index}, {@code llm_fallback.attempt.outcome}.</li>
 * </ul>
 * Exceptions are not recorded as span events: their messages may quote the request. Thread-safe.
 */
public final class OpenTelemetryFallbackListener implements FallbackListener<OpenTelemetryFallbackListener.Call> {

    /** The instrumentation scope's name. */
    public static final String INSTRUMENTATION = "dev.llmfallback";

    static final AttributeKey<String> CHAIN = AttributeKey.stringKey("llm_fallback.chain");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("llm_fallback.provider");
    static final AttributeKey<Long> INDEX = AttributeKey.longKey("llm_fallback.attempt.index");
    static final AttributeKey<String> ATTEMPT_OUTCOME = AttributeKey.stringKey("llm_fallback.attempt.outcome");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("llm_fallback.outcome");
    static final AttributeKey<String> SERVED_BY = AttributeKey.stringKey("llm_fallback.served_by");
    static final AttributeKey<Boolean> FALLBACK = AttributeKey.booleanKey("llm_fallback.fallback");
    static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("llm_fallback.attempts");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");

    private final Tracer tracer;

    /**
     * Traces with {@code openTelemetry}'s tracer for {@value #INSTRUMENTATION}.
     *
     * @param openTelemetry e.g. {@code GlobalOpenTelemetry.get()} or the SDK the application built
     */
    public OpenTelemetryFallbackListener(OpenTelemetry openTelemetry) {
        this(Objects.requireNonNull(openTelemetry, "openTelemetry").getTracer(INSTRUMENTATION));
    }

    /**
     * Traces with {@code tracer}.
     *
     * @param tracer the tracer
     */
    public OpenTelemetryFallbackListener(Tracer tracer) {
        this.tracer = Objects.requireNonNull(tracer, "tracer");
    }

    /** One chain run's spans. */
    public static final class Call {
        final Context context;
        final Span span;
        final Span[] attempts;

        Call(Context context, Span span, int links) {
            this.context = context;
            this.span = span;
            this.attempts = new Span[links];
        }
    }

    @Override
    public Call chainStarted(ChainInfo chain) {
        Context parent = Context.current();
        Span span = tracer.spanBuilder("llm_fallback " + chain.name())
                .setParent(parent)
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(CHAIN, chain.name())
                .startSpan();
        return new Call(parent.with(span), span, chain.providers().size());
    }

    @Override
    public AttemptScope attemptStarted(Call call, ChainInfo chain, int index, String provider) {
        Span attempt = tracer.spanBuilder("llm_fallback.attempt " + provider)
                .setParent(call.context)
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(CHAIN, chain.name())
                .setAttribute(PROVIDER, provider)
                .setAttribute(INDEX, (long) index)
                .startSpan();
        call.attempts[index] = attempt;
        Context current = call.context.with(attempt);
        return () -> {
            Scope scope = current.makeCurrent();
            return scope::close;
        };
    }

    @Override
    public void attemptEnded(Call call, ChainInfo chain, Attempt attempt) {
        int index = attempt.providerIndex();
        Span span = call.attempts[index];
        String outcome = attempt.outcome().name().toLowerCase(Locale.ROOT);
        if (span == null) {
            // Not called: skipped as unhealthy, or not tried before the deadline.
            call.span.addEvent("llm_fallback.skipped", Attributes.of(PROVIDER, attempt.provider(),
                    INDEX, (long) index, ATTEMPT_OUTCOME, outcome));
            return;
        }
        call.attempts[index] = null;
        span.setAttribute(ATTEMPT_OUTCOME, outcome);
        if (attempt.failure() != null) {
            failed(span, attempt.failure());
        }
        span.end();
    }

    @Override
    public void chainEnded(Call call, ChainInfo chain, Attempt last, long elapsedNanos, Throwable failure) {
        Span span = call.span;
        // Attempts are recorded in link order, one per link: the last one's index tells how many there were.
        span.setAttribute(ATTEMPTS, last == null ? 0L : last.providerIndex() + 1L);
        Attempt winner = last != null && last.outcome() == Attempt.Outcome.SUCCEEDED ? last : null;
        if (failure == null && winner != null) {
            span.setAttribute(OUTCOME, "success");
            span.setAttribute(SERVED_BY, winner.provider());
            span.setAttribute(FALLBACK, winner.providerIndex() > 0);
        } else {
            span.setAttribute(OUTCOME, failure instanceof dev.llmfallback.AllProvidersFailedException ? "all_failed"
                    : "stopped");
            span.setAttribute(FALLBACK, false);
            if (failure != null) {
                span.setAttribute(ERROR_TYPE, failure.getClass().getName());
                span.setStatus(StatusCode.ERROR);
            }
        }
        span.end();
    }

    private static void failed(Span span, Throwable failure) {
        OptionalInt status = Failures.statusCode(failure);
        if (status.isPresent()) {
            span.setAttribute(HTTP_STATUS, (long) status.getAsInt());
            span.setAttribute(ERROR_TYPE, Integer.toString(status.getAsInt()));
        } else {
            span.setAttribute(ERROR_TYPE, failure.getClass().getName());
        }
        span.setStatus(StatusCode.ERROR);
    }
}
