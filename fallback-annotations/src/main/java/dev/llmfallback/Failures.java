package dev.llmfallback;

import dev.llmfallback.internal.classify.CauseChain;
import dev.llmfallback.internal.classify.ExceptionTypes;
import dev.llmfallback.internal.classify.RetryAfter;
import dev.llmfallback.internal.classify.StatusCodeReader;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Classifies failures: HTTP status, network failure, timeout, Retry-After. Used by the built-in predicates
 * and public for users' own.
 *
 * <p>Every helper looks at the failure and its cause chain (at most 32 links, cycle-safe); the first link
 * that answers wins. Works with the official Anthropic and OpenAI Java SDKs, Spring's HTTP clients,
 * langchain4j and OkHttp-based clients with no compile dependency on any of them: what each exception class
 * offers is found by reflection once per class and cached; later calls do no reflection.
 *
 * <p>No helper throws: a {@code null} failure, an accessor that throws or a value that cannot be read
 * gives "no answer" ({@code false} or empty). Thread-safe.
 */
public final class Failures {

    private Failures() {
    }

    /**
     * The HTTP status code carried by the failure or its cause chain.
     *
     * <p>Read from an exception implementing {@link HasStatusCode}; else from the first public no-arg accessor
     * among {@code statusCode()}, {@code getStatusCode()}, {@code status()}, {@code getStatus()},
     * {@code getRawStatusCode()}, {@code code()} that returns an {@code int}, an {@code Integer}, or an
     * object with an {@code int value()} method (Spring's {@code HttpStatusCode}). Accessors of any other
     * type (openai-java's {@code Optional<String> code()}, for one) are ignored. A link whose value is
     * {@code null} or outside 100..999 (non-standard codes such as 529 count), or whose accessor throws, has
     * no status, and the search goes on down the chain.
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
     * {@code NoRouteToHostException}, {@code UnknownHostException}, any {@code SocketException}, an SSL
     * handshake failure, or the SDKs' I/O exceptions ({@code AnthropicIoException}, {@code OpenAIIoException}).
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
     * name (or a superclass's) ends with {@code TimeoutException} and that carries no HTTP status (an HTTP
     * 408 or 504 answer is a status, judged as such, not a timeout of the call).
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
     * OkHttp's {@code Headers}, Spring's or {@code java.net.http}'s {@code HttpHeaders}, or a {@code Map}).
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
