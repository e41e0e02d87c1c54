package dev.llmfallback.internal.plan;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the duration strings of {@code @LlmFallback(timeout, deadline)}. Stateless and thread-safe. */
public final class Durations {

    private static final Pattern PARTS = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Pattern SHORT_FORM = Pattern.compile("(?:\\d+(?:ms|s|m|h))+");
    /** The longest duration the engine can wait: {@code Long.MAX_VALUE} nanoseconds, about 292 years. */
    private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

    private Durations() {
    }

    /**
     * Parses {@code "10s"}, {@code "1500ms"}, {@code "2m"}, {@code "1h"}, combinations such as
     * {@code "1m30s"}, or ISO-8601 ({@code "PT10S"}).
     *
     * @param text the text; not blank
     * @return a positive duration of at most {@code Long.MAX_VALUE} nanoseconds (about 292 years)
     * @throws IllegalArgumentException with what is wrong and the accepted forms, or that the duration is
     *                                  longer than that
     */
    public static Duration parse(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        Duration parsed;
        if (trimmed.startsWith("pt") || trimmed.startsWith("p")) {
            try {
                parsed = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException invalid) {
                // Duration.parse reports a number or a sum beyond a long of seconds with one of these as cause.
                if (invalid.getCause() instanceof ArithmeticException
                        || invalid.getCause() instanceof NumberFormatException) {
                    throw new TooLong(text);
                }
                throw unreadable(text);
            }
        } else {
            if (!SHORT_FORM.matcher(trimmed).matches()) {
                throw unreadable(text);
            }
            Matcher parts = PARTS.matcher(trimmed);
            parsed = Duration.ZERO;
            try {
                while (parts.find()) {
                    long amount = Long.parseLong(parts.group(1));
                    switch (parts.group(2)) {
                        case "ms": parsed = parsed.plusMillis(amount); break;
                        case "s": parsed = parsed.plusSeconds(amount); break;
                        case "m": parsed = parsed.plusMinutes(amount); break;
                        default: parsed = parsed.plusHours(amount); break;
                    }
                }
            } catch (NumberFormatException | ArithmeticException beyondLong) {
                // Only digits reach parseLong: a NumberFormatException is a number beyond a long too.
                throw new TooLong(text);
            }
        }
        if (parsed.isZero() || parsed.isNegative()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a positive duration");
        }
        if (parsed.compareTo(LONGEST) > 0) {
            throw new TooLong(text);
        }
        return parsed;
    }

    private static IllegalArgumentException unreadable(String text) {
        return new IllegalArgumentException("\"" + text + "\" is not a duration; write e.g. \"10s\", \"1500ms\", "
                + "\"2m\", \"1m30s\" or \"PT10S\"");
    }

    /** A well-formed duration longer than the engine can wait: more than {@code Long.MAX_VALUE} nanoseconds. */
    static final class TooLong extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        TooLong(String text) {
            super("\"" + text + "\" is too long: the longest timeout or deadline is what fits in a long of "
                    + "nanoseconds, about 292 years");
        }
    }
}
