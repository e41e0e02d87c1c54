package dev.llmfallback.internal.plan;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the duration strings of {@code @LlmFallback(timeout, deadline)}. Stateless and thread-safe. */
public final class Durations {

    private static final Pattern PARTS = Pattern.compile("(\\d+)(ms|s|m|h)");

    private Durations() {
    }

    /**
     * Parses {@code "10s"}, {@code "1500ms"}, {@code "2m"}, {@code "1h"}, combinations such as
     * {@code "1m30s"}, or ISO-8601 ({@code "PT10S"}).
     *
     * @param text the text; not blank
     * @return a positive duration
     * @throws IllegalArgumentException with what is wrong and the accepted forms
     */
    public static Duration parse(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        Duration parsed;
        if (trimmed.startsWith("pt") || trimmed.startsWith("p")) {
            try {
                parsed = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException invalid) {
                throw unreadable(text);
            }
        } else {
            Matcher parts = PARTS.matcher(trimmed);
            parsed = Duration.ZERO;
            int end = 0;
            while (parts.lookingAt()) {
                long amount = Long.parseLong(parts.group(1));
                switch (parts.group(2)) {
                    case "ms": parsed = parsed.plusMillis(amount); break;
                    case "s": parsed = parsed.plusSeconds(amount); break;
                    case "m": parsed = parsed.plusMinutes(amount); break;
                    default: parsed = parsed.plusHours(amount); break;
                }
                end = parts.end();
                parts.region(end, trimmed.length());
            }
            if (end == 0 || end != trimmed.length()) {
                throw unreadable(text);
            }
        }
        if (parsed.isZero() || parsed.isNegative()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a positive duration");
        }
        return parsed;
    }

    private static IllegalArgumentException unreadable(String text) {
        return new IllegalArgumentException("\"" + text + "\" is not a duration; write e.g. \"10s\", \"1500ms\", "
                + "\"2m\", \"1m30s\" or \"PT10S\"");
    }
}
