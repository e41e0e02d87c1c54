package dev.llmfallback;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.http.Headers;
import com.anthropic.errors.PaymentRequiredException;
import com.anthropic.models.ErrorType;
import com.google.genai.errors.ApiException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.model.anthropic.internal.api.AnthropicStreamingException;
import dev.llmfallback.internal.classify.FailureSummary;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;

/**
 * The failures of the Java LLM clients beyond the two reference SDKs' status exceptions (SPEC §6, "Beyond the
 * two reference SDKs"), as test doubles named and shaped like the real classes (same fully qualified names,
 * same accessor names and return types, in test sources): what {@link Failures} reads from each, and what every
 * built-in predicate decides. The real clients against fake servers are tested in {@code fallback-examples}.
 */
class ClientFailureShapesTest {

    private static final String PREDICATES = "RetryableOnly ProviderFaults RateLimited ServerErrors NetworkErrors Always";

    /** A prompt that a message could quote; it must never come out of the classification. */
    private static final String PROMPT = "SECRET-PROMPT-TEXT";

    static Stream<Row> clientFailures() {
        return Stream.of(
                // Spring AI 1.x: the status only at the head of the message, for its two exception classes
                row("Spring AI NonTransientAiException 429 - body",
                        new NonTransientAiException("429 - {\"error\":{\"message\":\"" + PROMPT + "\"}}"),
                        429, "next next next stop stop next"),
                row("Spring AI NonTransientAiException HTTP 429 - body",
                        new NonTransientAiException("HTTP 429 - " + PROMPT), 429, "next next next stop stop next"),
                row("Spring AI TransientAiException 529 - overloaded",
                        new TransientAiException("529 - {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"}}"),
                        529, "next next stop next stop next"),
                row("Spring AI TransientAiException 500 - body", new TransientAiException("500 - " + PROMPT),
                        500, "next next stop next stop next"),
                row("Spring AI TransientAiException 503 - empty body", new TransientAiException("503 - "),
                        503, "next next stop next stop next"),
                row("Spring AI NonTransientAiException 408 - body", new NonTransientAiException("408 - " + PROMPT),
                        408, "next next stop stop stop next"),
                row("Spring AI NonTransientAiException 400 - body", new NonTransientAiException("400 - " + PROMPT),
                        400, "stop stop stop stop stop next"),
                row("Spring AI NonTransientAiException 401 - body", new NonTransientAiException("401 - " + PROMPT),
                        401, "stop next stop stop stop next"),
                row("Spring AI NonTransientAiException 402 - body", new NonTransientAiException("402 - " + PROMPT),
                        402, "stop next stop stop stop next").andQuota(),
                row("Spring AI NonTransientAiException 413 - body", new NonTransientAiException("413 - " + PROMPT),
                        413, "stop stop stop stop stop next"),
                row("subclass of Spring AI TransientAiException 502 - body", new SpringAiSubclass("502 - " + PROMPT),
                        502, "next next stop next stop next"),
                row("Spring AI TransientAiException wrapped", new RuntimeException(new TransientAiException("504 - x")),
                        504, "next next stop next stop next"),
                row("Spring AI TransientAiException thrown by user code, no status",
                        new TransientAiException("503 down"), -1, "stop stop stop stop stop next"),
                row("Spring AI NonTransientAiException, four digits", new NonTransientAiException("4290 - x"),
                        -1, "stop stop stop stop stop next"),
                row("Spring AI NonTransientAiException, two digits", new NonTransientAiException("42 - x"),
                        -1, "stop stop stop stop stop next"),
                row("Spring AI NonTransientAiException, 200 - is no failure status",
                        new NonTransientAiException("200 - x"), -1, "stop stop stop stop stop next"),
                row("Spring AI TransientAiException, null message", new TransientAiException(null),
                        -1, "stop stop stop stop stop next"),
                row("Spring AI Anthropic streaming: plain RuntimeException, not parsed",
                        new RuntimeException("Response exception, Status: [429 TOO_MANY_REQUESTS], Body:[" + PROMPT + "]"),
                        -1, "stop stop stop stop stop next"),
                row("plain RuntimeException shaped like a Spring AI message, not parsed",
                        new RuntimeException("429 - " + PROMPT), -1, "stop stop stop stop stop next"),
                row("IllegalStateException shaped like a Spring AI message, not parsed",
                        new IllegalStateException("HTTP 503 - " + PROMPT), -1, "stop stop stop stop stop next"),

                // In-stream errors of anthropic-java: the stream's 200, judged by the error type
                row("anthropic-java SseException 200 overloaded_error", anthropicSse("overloaded_error"),
                        529, "next next stop next stop next"),
                row("anthropic-java SseException 200 rate_limit_error", anthropicSse("rate_limit_error"),
                        429, "next next next stop stop next"),
                row("anthropic-java SseException 200 api_error", anthropicSse("api_error"),
                        500, "next next stop next stop next"),
                row("anthropic-java SseException 200 timeout_error", anthropicSse("timeout_error"),
                        504, "next next stop next stop next"),
                row("anthropic-java SseException 200 invalid_request_error", anthropicSse("invalid_request_error"),
                        400, "stop stop stop stop stop next"),
                row("anthropic-java SseException 200 authentication_error", anthropicSse("authentication_error"),
                        401, "stop next stop stop stop next"),
                row("anthropic-java SseException 200 billing_error", anthropicSse("billing_error"),
                        402, "stop next stop stop stop next").andQuota(),
                row("anthropic-java SseException 200 permission_error", anthropicSse("permission_error"),
                        403, "stop next stop stop stop next"),
                row("anthropic-java SseException 200 not_found_error", anthropicSse("not_found_error"),
                        404, "stop next stop stop stop next"),
                row("anthropic-java SseException 200 request_too_large", anthropicSse("request_too_large"),
                        413, "stop stop stop stop stop next"),
                row("anthropic-java SseException 200 unknown error type", anthropicSse("brand_new_error"),
                        -1, "stop stop stop stop stop next"),
                row("anthropic-java SseException 200 without error type",
                        new com.anthropic.errors.SseException(200, Headers.of(), null),
                        -1, "stop stop stop stop stop next"),
                row("anthropic-java SseException 200 error type not a string",
                        new com.anthropic.errors.SseException(200, Headers.of(), ErrorType.notAString()),
                        -1, "stop stop stop stop stop next"),
                row("anthropic-java status exception: the status wins over its type",
                        new com.anthropic.errors.RateLimitException(Headers.of("retry-after", "7")),
                        429, "next next next stop stop next").andRetryAfter(Duration.ofSeconds(7)),
                row("anthropic-java PaymentRequiredException 402 billing_error",
                        new PaymentRequiredException(Headers.of()), 402, "stop next stop stop stop next").andQuota(),

                // In-stream errors of openai-java: the stream's 200, judged by the error's type, then code
                row("openai-java SseException 200 server_error", openAiSse("server_error", null),
                        500, "next next stop next stop next"),
                row("openai-java SseException 200 type tokens, code rate_limit_exceeded",
                        openAiSse("tokens", "rate_limit_exceeded"), 429, "next next next stop stop next"),
                row("openai-java SseException 200 insufficient_quota", openAiSse("insufficient_quota", "insufficient_quota"),
                        429, "next next next stop stop next").andQuota(),
                row("openai-java SseException 200 invalid_request_error", openAiSse("invalid_request_error", null),
                        400, "stop stop stop stop stop next"),
                row("openai-java SseException 200 without type or code", openAiSse(null, null),
                        -1, "stop stop stop stop stop next"),
                row("openai-java RateLimitException 429 rate_limit_exceeded",
                        new com.openai.errors.RateLimitException(com.openai.core.http.Headers.of("retry-after", "7"),
                                "requests", "rate_limit_exceeded"),
                        429, "next next next stop stop next").andRetryAfter(Duration.ofSeconds(7)),
                row("openai-java RateLimitException 429 insufficient_quota",
                        new com.openai.errors.RateLimitException(com.openai.core.http.Headers.of(),
                                "insufficient_quota", "insufficient_quota"),
                        429, "next next next stop stop next").andQuota(),

                // langchain4j
                row("langchain4j AnthropicStreamingException: type overloaded_error, no status",
                        new AnthropicStreamingException(PROMPT, "overloaded_error"), 529, "next next stop next stop next"),
                row("langchain4j AnthropicStreamingException: type rate_limit_error, no status",
                        new AnthropicStreamingException(PROMPT, "rate_limit_error"), 429, "next next next stop stop next"),
                row("langchain4j AnthropicStreamingException: type invalid_request_error, no status",
                        new AnthropicStreamingException(PROMPT, "invalid_request_error"), 400, "stop stop stop stop stop next"),
                row("langchain4j HttpException 503", new HttpException(503, PROMPT), 503, "next next stop next stop next"),
                row("langchain4j unresolved host", new UnresolvedModelServerException(new UnresolvedAddressException()),
                        -1, "next next stop stop next next").andNetwork(),
                row("langchain4j TimeoutException around an HTTP 408",
                        new TimeoutException(new HttpException(408, PROMPT)), 408, "next next stop stop stop next"),
                row("langchain4j TimeoutException around the JDK client's timeout",
                        new TimeoutException(new HttpTimeoutException("request timed out")),
                        -1, "next next stop stop next next").andTimeout(),
                row("langchain4j RateLimitException around an HTTP 429",
                        new RateLimitException(new HttpException(429, PROMPT)), 429, "next next next stop stop next"),

                // AWS SDK v2 (Bedrock Runtime)
                row("AWS ThrottlingException 429, Retry-After in awsErrorDetails().sdkHttpResponse()",
                        new ThrottlingException("Retry-After", "3"), 429, "next next next stop stop next")
                        .andRetryAfter(Duration.ofSeconds(3)),
                row("AWS ServiceQuotaExceededException 400", new ServiceQuotaExceededException(),
                        400, "stop stop stop stop stop next").andQuota(),
                row("AWS ModelTimeoutException 408: a status, not a timeout", new ModelTimeoutException(),
                        408, "next next stop stop stop next"),

                // Google GenAI
                row("Google GenAI ApiException 429 RESOURCE_EXHAUSTED", new ApiException(429, "RESOURCE_EXHAUSTED", PROMPT),
                        429, "next next next stop stop next"),
                row("Google GenAI ApiException 503 UNAVAILABLE", new ApiException(503, "UNAVAILABLE", PROMPT),
                        503, "next next stop next stop next"),

                // The JDK
                row("UnresolvedAddressException", new UnresolvedAddressException(),
                        -1, "next next stop stop next next").andNetwork(),
                row("ConnectException <- UnresolvedAddressException",
                        new ConnectException().initCause(new UnresolvedAddressException()),
                        -1, "next next stop stop next next").andNetwork());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientFailures")
    void eachClientFailure_isClassified_andDecidedAsSpecSection6Says(Row row) {
        Throwable failure = row.failure();

        if (row.status() < 0) {
            assertThat(Failures.statusCode(failure)).as("statusCode").isEmpty();
        } else {
            assertThat(Failures.statusCode(failure)).as("statusCode").hasValue(row.status());
        }
        assertThat(Failures.isNetwork(failure)).as("isNetwork").isEqualTo(row.network());
        assertThat(Failures.isTimeout(failure)).as("isTimeout").isEqualTo(row.timeout());
        assertThat(Failures.retryAfter(failure)).as("retryAfter").isEqualTo(Optional.ofNullable(row.retryAfter()));
        assertThat(Failures.isQuotaOrBilling(failure)).as("isQuotaOrBilling").isEqualTo(row.quota());
        assertThat(decisions(failure)).as(PREDICATES).isEqualTo(row.decisions());
        assertThat(FailureSummary.describe(failure)).as("the log-safe description").doesNotContain(PROMPT);
    }

    @Test
    void awsServiceException_withoutErrorDetails_hasNoRetryAfter_andStillItsStatus() {
        Throwable failure = new NoDetails();

        assertThat(Failures.retryAfter(failure)).isEmpty();
        assertThat(Failures.statusCode(failure)).hasValue(503);
    }

    @Test
    void springAiMessage_isReadForItsStatusOnly_neverDescribed() {
        Throwable failure = new NonTransientAiException("429 - " + PROMPT);

        assertThat(FailureSummary.describe(failure)).isEqualTo("429 rate limited");
        assertThat(FailureSummary.describe(new TransientAiException(PROMPT))).isEqualTo("TransientAiException");
    }

    @Test
    void inStreamError_isDescribedByTheStatusItsTypeStandsFor() {
        assertThat(FailureSummary.describe(anthropicSse("overloaded_error"))).isEqualTo("529 overloaded");
    }

    private static String decisions(Throwable failure) {
        List<SkipPredicate> predicates = List.of(RetryableOnly.INSTANCE, ProviderFaults.INSTANCE, RateLimited.INSTANCE,
                ServerErrors.INSTANCE, NetworkErrors.INSTANCE, Always.INSTANCE);
        StringBuilder out = new StringBuilder();
        for (SkipPredicate predicate : predicates) {
            out.append(out.length() == 0 ? "" : " ").append(predicate.shouldSkip(failure) ? "next" : "stop");
        }
        return out.toString();
    }

    private static Throwable anthropicSse(String errorType) {
        return new com.anthropic.errors.SseException(200, Headers.of("content-type", "text/event-stream"),
                ErrorType.of(errorType));
    }

    private static Throwable openAiSse(String type, String code) {
        return new com.openai.errors.SseException(200, com.openai.core.http.Headers.of(), type, code);
    }

    private static Row row(String name, Throwable failure, int status, String decisions) {
        return new Row(name, failure, status, false, false, null, false, decisions);
    }

    /** One case: the failure and what is expected of it ({@code status} -1: none). */
    record Row(String name, Throwable failure, int status, boolean network, boolean timeout, Duration retryAfter,
            boolean quota, String decisions) {

        Row andNetwork() {
            return new Row(name, failure, status, true, timeout, retryAfter, quota, decisions);
        }

        Row andTimeout() {
            return new Row(name, failure, status, network, true, retryAfter, quota, decisions);
        }

        Row andRetryAfter(Duration wait) {
            return new Row(name, failure, status, network, timeout, wait, quota, decisions);
        }

        Row andQuota() {
            return new Row(name, failure, status, network, timeout, retryAfter, true, decisions);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A subclass of Spring AI's exception, found by walking the class hierarchy by name. */
    static final class SpringAiSubclass extends TransientAiException {

        private static final long serialVersionUID = 1L;

        SpringAiSubclass(String message) {
            super(message);
        }
    }

    /** An AWS service exception whose error details are missing: the walk to the headers meets a null. */
    static final class NoDetails extends software.amazon.awssdk.awscore.exception.AwsServiceException {

        private static final long serialVersionUID = 1L;

        NoDetails() {
            super(503, null);
        }
    }
}
