package dev.llmfallback.internal.classify;

import dev.llmfallback.Attempt;
import java.time.Duration;
import java.util.List;

/**
 * Log-safe descriptions of failures and durations for messages and {@code toString}s. A failure is
 * described by its HTTP status or its type, never by its message or {@code toString()}: an SDK's message can
 * quote the request, and the request is the user's prompt. Stateless and thread-safe.
 *
 * <p>Describing a failure reads its status, and so runs the failure's own accessors, which may recurse,
 * throw or never return. {@link #of(Throwable)} never throws; to be sure it runs once, where it can be
 * bounded, the engine calls it when it judges an attempt and records the result (see
 * {@link RecordedSummaries}); traces and messages built from recorded summaries run no failure's code.
 */
public final class FailureSummary {

    /** What {@link #of(Throwable)} says of a {@code null} failure. */
    public static final String NO_FAILURE = "no failure";

    // Statuses without a name, as text, made on first use: of() allocates nothing for a status it has seen.
    private static final String[] UNNAMED_STATUSES =
            new String[StatusCodeReader.MAX_STATUS - StatusCodeReader.MIN_STATUS + 1];

    private static final ClassValue<String> TYPE_NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            try {
                String name = type.getSimpleName();
                return name.isEmpty() ? type.getName() : name;
            } catch (RuntimeException | LinkageError | InternalError malformed) {
                return type.getName();
            }
        }
    };

    private FailureSummary() {
    }

    /**
     * Summarizes a failure without its message, e.g. {@code 529 overloaded}, {@code 418} or
     * {@code SocketTimeoutException}: the first HTTP status on its cause chain, else the simple name of its
     * class. Never throws, whatever the failure's accessors do (see {@link StatusCodeReader}), and never
     * calls its {@code getMessage()} or {@code toString()}. Allocates nothing once a status or exception class
     * has been seen: the summaries are shared constants.
     *
     * <p>The engine calls this once per failed attempt, when it judges the failure, and records the result.
     *
     * @param failure the failure, may be {@code null}
     * @return a short, log-safe description; {@link #NO_FAILURE} for {@code null}
     */
    public static String of(Throwable failure) {
        if (failure == null) {
            return NO_FAILURE;
        }
        int status = StatusCodeReader.firstStatus(failure);
        return status >= 0 ? ofStatus(status) : typeOf(failure);
    }

    /**
     * The recorded summary of a failure if there is one, else {@link #of(Throwable)}.
     *
     * @param failure the failure, may be {@code null}
     * @param recorded the summary recorded when the failure was judged, or {@code null}
     * @return a short, log-safe description
     */
    public static String of(Throwable failure, String recorded) {
        return recorded != null ? recorded : of(failure);
    }

    /**
     * Summarizes a failure by the simple name of its class alone (its binary name for an anonymous class),
     * running none of the failure's code: for where reading its status is not an option, such as a failure
     * whose judging ran out of time.
     *
     * @param failure the failure, may be {@code null}
     * @return the name; {@link #NO_FAILURE} for {@code null}
     */
    public static String typeOf(Throwable failure) {
        return failure == null ? NO_FAILURE : TYPE_NAMES.get(failure.getClass());
    }

    /**
     * Same as {@link #of(Throwable)}.
     *
     * @param failure the failure
     * @return a short, log-safe description
     */
    public static String describe(Throwable failure) {
        return of(failure);
    }

    /**
     * Describes how an attempt ended, for messages: {@code 529 overloaded}, {@code timed out after 10000 ms},
     * {@code not tried: deadline exhausted}, {@code succeeded}.
     *
     * @param attempt the attempt
     * @return a short, log-safe description
     */
    public static String describe(Attempt attempt) {
        return describe(attempt, null);
    }

    /**
     * {@link #describe(Attempt)} with the failure's summary recorded when it was judged, if any.
     *
     * @param attempt the attempt
     * @param recorded the failure's recorded summary, or {@code null} to compute it
     * @return a short, log-safe description
     */
    public static String describe(Attempt attempt, String recorded) {
        switch (attempt.outcome()) {
            case SUCCEEDED: return "succeeded";
            case NOT_TRIED: return "not tried: deadline exhausted";
            case SKIPPED_UNHEALTHY: return recorded == null ? "skipped: unhealthy" : "skipped: " + recorded;
            case TIMED_OUT: return "timed out after " + attempt.duration().toMillis() + " ms";
            default: return of(attempt.failure(), recorded);
        }
    }

    /**
     * The message of {@link dev.llmfallback.AllProvidersFailedException}.
     *
     * @param attempts the chain's attempts
     * @return e.g. {@code all 3 providers failed: anthropic (timed out after 10000 ms), openai (429 rate limited),
     *         local (not tried: deadline exhausted)}
     */
    public static String allFailedMessage(List<Attempt> attempts) {
        return allFailedMessage(attempts, null);
    }

    /**
     * The message of {@link dev.llmfallback.AllProvidersFailedException}, with the failures' summaries
     * recorded when they were judged.
     *
     * @param attempts the chain's attempts
     * @param recorded the failures' recorded summaries by attempt index (a {@code null} entry, a missing
     *     one or a {@code null} array: computed)
     * @return the message
     */
    public static String allFailedMessage(List<Attempt> attempts, String[] recorded) {
        StringBuilder out = new StringBuilder(32 + 32 * attempts.size());
        out.append(attempts.size() == 1 ? "the only provider failed: " : "all " + attempts.size() + " providers failed: ");
        for (int i = 0; i < attempts.size(); i++) {
            Attempt attempt = attempts.get(i);
            if (i > 0) {
                out.append(", ");
            }
            out.append(attempt.provider()).append(" (").append(describe(attempt, recordedAt(recorded, i))).append(')');
        }
        return out.toString();
    }

    /**
     * A duration in milliseconds for humans: {@code 0.4 ms}, {@code 12 ms}.
     *
     * @param duration the duration
     * @return the text
     */
    public static String millis(Duration duration) {
        long micros = duration.toNanos() / 1_000;
        if (micros < 10_000) {
            return (micros / 1000) + "." + (micros % 1000) / 100 + " ms";
        }
        return (micros / 1000) + " ms";
    }

    /**
     * The recorded summary at {@code index}, if any.
     *
     * @param recorded summaries by attempt index, may be {@code null} or shorter than the attempts
     * @param index an attempt's index
     * @return the summary, or {@code null}
     */
    public static String recordedAt(String[] recorded, int index) {
        return recorded != null && index < recorded.length ? recorded[index] : null;
    }

    // status is in MIN_STATUS..MAX_STATUS. A racing first use may make one text twice: harmless.
    private static String ofStatus(int status) {
        String named = named(status);
        if (named != null) {
            return named;
        }
        int index = status - StatusCodeReader.MIN_STATUS;
        String text = UNNAMED_STATUSES[index];
        if (text == null) {
            text = Integer.toString(status);
            UNNAMED_STATUSES[index] = text;
        }
        return text;
    }

    private static String named(int status) {
        switch (status) {
            case 400: return "400 bad request";
            case 401: return "401 unauthorized";
            case 402: return "402 payment required";
            case 403: return "403 forbidden";
            case 404: return "404 not found";
            case 408: return "408 request timeout";
            case 409: return "409 conflict";
            case 413: return "413 request too large";
            case 422: return "422 unprocessable";
            case 425: return "425 too early";
            case 429: return "429 rate limited";
            case 500: return "500 server error";
            case 502: return "502 bad gateway";
            case 503: return "503 unavailable";
            case 504: return "504 gateway timeout";
            case 529: return "529 overloaded";
            default: return null;
        }
    }
}
