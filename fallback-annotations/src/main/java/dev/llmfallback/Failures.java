package dev.llmfallback;

import dev.llmfallback.internal.classify.CauseChain;
import dev.llmfallback.internal.classify.ErrorTypes;
import dev.llmfallback.internal.classify.ExceptionTypes;
import dev.llmfallback.internal.classify.RetryAfter;
import dev.llmfallback.internal.classify.StatusCodeReader;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Classifies failures: HTTP status, network failure, timeout, Retry-After, quota or billing. Used by the
 * built-in predicates and public for users' own.
 *
 * <p>Every helper looks at the failure and its cause chain (at most 32 links, cycle-safe); the first link
 * that answers wins. Works with the official Anthropic and OpenAI Java SDKs, Spring's HTTP clients, Spring
 * AI, langchain4j, the AWS SDK v2, Google GenAI and OkHttp-based clients with no compile dependency on any of
 * them: what each exception class offers is found by reflection once per class and cached; later calls do
 * no reflection. No message is ever read, except the leading status of Spring AI's two exceptions (see
 * {@link #statusCode(Throwable)}), and nothing read from a failure is ever copied into an output.
 *
 * <p>No helper throws: a {@code null} failure, an accessor that throws or a value that cannot be read
 * gives "no answer" ({@code false} or empty). Thread-safe.
 */
public final class Failures {

    private Failures() {
    }

    /**
     * The HTTP failure status carried by the failure or its cause chain.
     *
     * <p>Read from an exception implementing {@link HasStatusCode}; else from the first public no-arg accessor
     * among {@code statusCode()}, {@code getStatusCode()}, {@code status()}, {@code getStatus()},
     * {@code getRawStatusCode()}, {@code code()} that returns an {@code int}, an {@code Integer}, or an
     * object with an {@code int value()} method (Spring's {@code HttpStatusCode}). This reads the SDKs',
     * langchain4j's {@code HttpException}'s and the AWS SDK's {@code int statusCode()} and Google GenAI's
     * {@code int code()}. Accessors of any other type (openai-java's {@code Optional<String> code()}, for one)
     * are not taken for the status. A value below 400 is not a failure status: the SDKs' in-stream
     * {@code SseException} carries the stream's HTTP 200.
     *
     * <p>A link without a failure status from those accessors is read two more ways, each for its own
     * classes only:
     * <ul>
     *   <li>Spring AI 1.x's {@code org.springframework.ai.retry.TransientAiException} and
     *       {@code NonTransientAiException} (and subclasses) keep the status only at the head of their
     *       message, {@code 429 - ...} or {@code HTTP 429 - ...}: those three digits are read. No other
     *       exception's message is ever parsed (Spring AI's Anthropic streaming path throws a plain
     *       {@code RuntimeException} that names the status in its message: it has no status here).</li>
     *   <li>An exception with the provider's error type (a public {@code type()}, or {@code errorType()} as
     *       anthropic-java 2.x names it, or {@code code()}, returning
     *       a {@code String}, an {@code Optional}, or anthropic-java's {@code ErrorType}) is judged by it:
     *       {@code overloaded_error} is 529, {@code rate_limit_error} 429, {@code api_error} 500,
     *       {@code timeout_error} 504, {@code invalid_request_error} 400, {@code authentication_error} 401,
     *       {@code billing_error} 402, {@code permission_error} 403, {@code not_found_error} 404,
     *       {@code request_too_large} 413, OpenAI's {@code server_error} 500 and {@code rate_limit_exceeded}
     *       and {@code insufficient_quota} 429. So an in-stream error and langchain4j's Anthropic streaming
     *       error, which has a type but no status, are judged like the same error before the stream began.</li>
     * </ul>
     *
     * <p>A link whose value is {@code null} or outside 400..999 (non-standard codes such as 529 count), or
     * whose accessor throws, has no status, and the search goes on down the chain. So has an {@link Error}
     * link, whose accessors are never called: a chain never asks a predicate about an Error (it ends the chain
     * unjudged).
     *
     * @param failure a failure, may be {@code null}
     * @return the first status code found, or empty
     */
    public static OptionalInt statusCode(Throwable failure) {
        int status = statusOrNone(failure);
        return status < 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /**
     * {@link #statusCode(Throwable)} without the {@code OptionalInt}, for the built-in predicates, which run
     * on every failure: allocates nothing.
     *
     * @param failure a failure, may be {@code null}
     * @return the first status code found, or a negative number if none
     */
    static int statusOrNone(Throwable failure) {
        return StatusCodeReader.firstStatus(failure);
    }

    /**
     * Tells whether the failure or its cause chain is a network failure: {@code ConnectException},
     * {@code NoRouteToHostException}, {@code UnknownHostException},
     * {@code java.nio.channels.UnresolvedAddressException}, any {@code SocketException}, an SSL handshake
     * failure, or the SDKs' I/O exceptions ({@code AnthropicIoException}, {@code OpenAIIoException}).
     * An {@code UncheckedIOException} is looked through like any other cause.
     *
     * @param failure a failure, may be {@code null}
     * @return {@code true} for a network failure
     */
    public static boolean isNetwork(Throwable failure) {
        return CauseChain.anyMatch(failure, ExceptionTypes::isNetwork);
    }

    /**
     * Tells whether the failure or its cause chain is a timeout: {@code SocketTimeoutException},
     * {@code java.net.http.HttpTimeoutException}, {@code java.util.concurrent.TimeoutException}, an
     * {@code InterruptedIOException} (how OkHttp, and so both SDKs, report their own call timeouts; the
     * engine treats an interrupted thread separately, before any predicate), or an exception whose class
     * name (or a superclass's) ends with {@code TimeoutException} and whose cause chain, itself included,
     * carries no HTTP status (an HTTP 408 or 504 answer is a status, judged as such, not a timeout of the
     * call: anthropic-java's {@code RequestTimeoutException}, or langchain4j's {@code TimeoutException}
     * around the {@code HttpException} of a 408).
     *
     * @param failure a failure, may be {@code null}
     * @return {@code true} for a timeout
     */
    public static boolean isTimeout(Throwable failure) {
        return CauseChain.anyMatch(failure, ExceptionTypes::isTimeout);
    }

    /**
     * How long the provider asked callers to wait, from a {@code retry-after-ms} or {@code Retry-After}
     * response header on the failure or its cause chain, where the exception exposes its response headers
     * ({@code headers()}, {@code getHeaders()} or {@code getResponseHeaders()}, returning the SDKs' or
     * OkHttp's {@code Headers}, Spring's or {@code java.net.http}'s {@code HttpHeaders}, or a {@code Map};
     * or, for the AWS SDK v2, {@code awsErrorDetails().sdkHttpResponse().headers()}).
     *
     * <p>{@code retry-after-ms} (milliseconds, fractions allowed) wins over {@code Retry-After}, which holds
     * delta-seconds (fractions allowed) or an HTTP date, taken relative to the system clock: a date in the
     * past gives {@link Duration#ZERO}. The first link with a readable value wins.
     *
     * @param failure a failure, may be {@code null}
     * @return the wait, never negative, or empty if no such header was found or it could not be read
     */
    public static Optional<Duration> retryAfter(Throwable failure) {
        Clock clock = Clock.systemUTC();
        return CauseChain.firstPresent(failure, link -> RetryAfter.read(link, clock));
    }

    /**
     * Tells a quota or billing error from a transient rate limit: true if the failure or a link of its cause
     * chain has HTTP status 402 (Payment Required), carries the provider error type or code
     * {@code insufficient_quota} (OpenAI's, sent with a 429) or {@code billing_error} (Anthropic's), or is an
     * AWS SDK {@code ServiceQuotaExceededException} (Bedrock's, sent with a 400). Such a failure does not
     * pass in seconds, as a rate limit does. The error type and code are read as for
     * {@link #statusCode(Throwable)}; where a client keeps them only in a message (langchain4j's and Spring
     * AI's exceptions for a 429), they are not read, and a quota error there is a plain 429.
     *
     * <p>Only classifies: a 429 with {@code insufficient_quota} is still a 429 to {@link #statusCode(Throwable)}
     * and to the built-in predicates.
     *
     * @param failure a failure, may be {@code null}
     * @return {@code true} for a quota or billing error
     */
    public static boolean isQuotaOrBilling(Throwable failure) {
        return CauseChain.anyMatch(failure, Failures::isQuotaOrBillingLink);
    }

    private static boolean isQuotaOrBillingLink(Throwable link) {
        return StatusCodeReader.readStatus(link) == 402
                || ExceptionTypes.isQuotaByType(link)
                || ErrorTypes.isQuotaOrBilling(link);
    }

    /**
     * The decision of {@link RetryableOnly}: a status code decides alone (408, 409, 425, 429 and 5xx move
     * on, any other status stops); without one, a network failure or timeout moves on; anything else stops.
     *
     * @param failure a failure, may be {@code null}
     * @return {@code true} if {@link RetryableOnly} moves on
     */
    public static boolean isRetryable(Throwable failure) {
        int status = statusOrNone(failure);
        if (status >= 0) {
            return isRetryableStatus(status);
        }
        return isNetwork(failure) || isTimeout(failure);
    }

    // 408 Request Timeout, 409 Conflict (the SDKs retry it: a lock or concurrent-update clash), 425 Too Early,
    // 429 Too Many Requests, and every 5xx including the non-standard 529 overloaded_error.
    private static boolean isRetryableStatus(int status) {
        return status == 408 || status == 409 || status == 425 || status == 429 || (status >= 500 && status <= 599);
    }
}
