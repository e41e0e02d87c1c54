package dev.llmfallback.internal.classify;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads how long a provider asked callers to wait from the response headers of one exception (one link
 * of a cause chain, not the chain).
 *
 * <p>{@code retry-after-ms} (milliseconds, fractions allowed; sent by the Anthropic and OpenAI APIs) wins
 * over {@code retry-after}, which holds delta-seconds (fractions allowed) or an HTTP date (RFC 1123 form,
 * as RFC 9110 requires senders to use), taken relative to the given clock. A header that cannot be read is
 * ignored, so an unreadable {@code retry-after-ms} falls back to {@code retry-after}. The wait is never
 * negative: a date in the past gives {@link Duration#ZERO}; a negative or non-decimal number is unreadable.
 * Never throws: what the exception's own code throws gives no wait. Not API. Stateless and thread-safe.
 */
public final class RetryAfter {

    // Plain non-negative decimals only: no sign, exponent, NaN or Infinity, which BigDecimal or
    // Double.parseDouble would otherwise accept.
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d*)?|\\.\\d+");

    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

    private RetryAfter() {
    }

    /**
     * The wait requested by the response headers {@code link} itself exposes.
     *
     * @param link an exception, may be {@code null}
     * @param clock the clock an HTTP date is compared with
     * @return the wait, never negative, or empty
     */
    public static Optional<Duration> read(Throwable link, Clock clock) {
        Optional<ResponseHeaders> headers = ResponseHeaders.of(link);
        if (headers.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> millis = headers.get().first("retry-after-ms", "Retry-After-Ms")
                .flatMap(RetryAfter::parseMillis);
        if (millis.isPresent()) {
            return millis;
        }
        return headers.get().first("retry-after", "Retry-After")
                .flatMap(value -> parseSecondsOrDate(value, clock));
    }

    /**
     * Parses a {@code retry-after-ms} value.
     *
     * @param value milliseconds, for example {@code 1500} or {@code 12.5}
     * @return the wait, or empty if {@code value} is not a non-negative decimal number
     */
    public static Optional<Duration> parseMillis(String value) {
        return parseDecimal(value).flatMap(millis -> durationOfSeconds(millis.movePointLeft(3)));
    }

    /**
     * Parses a {@code Retry-After} value.
     *
     * @param value delta-seconds (for example {@code 30} or {@code 1.5}) or an HTTP date (for example
     *     {@code Wed, 21 Oct 2015 07:28:00 GMT})
     * @param clock the clock an HTTP date is compared with
     * @return the wait ({@link Duration#ZERO} for a date in the past), or empty if {@code value} is neither
     */
    public static Optional<Duration> parseSecondsOrDate(String value, Clock clock) {
        Optional<BigDecimal> seconds = parseDecimal(value);
        if (seconds.isPresent()) {
            return durationOfSeconds(seconds.get());
        }
        return parseHttpDate(value).map(date -> {
            Duration wait = Duration.between(clock.instant(), date.toInstant());
            return wait.isNegative() ? Duration.ZERO : wait;
        });
    }

    private static Optional<BigDecimal> parseDecimal(String value) {
        String trimmed = value.trim();
        return DECIMAL.matcher(trimmed).matches() ? Optional.of(new BigDecimal(trimmed)) : Optional.empty();
    }

    // Nanosecond precision is what Duration holds; anything finer is dropped, anything too long for a
    // Duration is unreadable rather than an overflow.
    private static Optional<Duration> durationOfSeconds(BigDecimal seconds) {
        BigInteger[] secondsAndNanos = seconds.movePointRight(9).toBigInteger().divideAndRemainder(NANOS_PER_SECOND);
        if (secondsAndNanos[0].bitLength() >= Long.SIZE) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(secondsAndNanos[0].longValue(), secondsAndNanos[1].longValue()));
    }

    private static Optional<ZonedDateTime> parseHttpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
