package dev.llmfallback.internal.classify;

import dev.llmfallback.Attempt;
import java.time.Duration;
import java.util.List;

/**
 * Log-safe descriptions of failures and durations for messages and {@code toString}s. A failure is
 * described by its HTTP status or its type, never by its message: an SDK's message can quote the request,
 * and the request is the user's prompt. Stateless and thread-safe.
 */
public final class FailureSummary {

    private FailureSummary() {
    }

    /**
     * Describes a failure without its message, e.g. {@code 529 overloaded} or {@code SocketTimeoutException}.
     *
     * @param failure the failure
     * @return a short, log-safe description
     */
    public static String describe(Throwable failure) {
        int status = StatusCodeReader.firstStatus(failure);
        if (status >= 0) {
            String reason = reason(status);
            return reason.isEmpty() ? Integer.toString(status) : status + " " + reason;
        }
        Class<?> type = failure.getClass();
        String name = type.getSimpleName();
        return name.isEmpty() ? type.getName() : name;
    }

    /**
     * Describes how an attempt ended, for messages: {@code 529 overloaded}, {@code timed out after 10000 ms},
     * {@code not tried: deadline exhausted}, {@code succeeded}.
     *
     * @param attempt the attempt
     * @return a short, log-safe description
     */
    public static String describe(Attempt attempt) {
        switch (attempt.outcome()) {
            case SUCCEEDED: return "succeeded";
            case NOT_TRIED: return "not tried: deadline exhausted";
            case TIMED_OUT: return "timed out after " + attempt.duration().toMillis() + " ms";
            default: return describe(attempt.failure());
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
        StringBuilder out = new StringBuilder(32 + 32 * attempts.size());
        out.append(attempts.size() == 1 ? "the only provider failed: " : "all " + attempts.size() + " providers failed: ");
        for (int i = 0; i < attempts.size(); i++) {
            Attempt attempt = attempts.get(i);
            if (i > 0) {
                out.append(", ");
            }
            out.append(attempt.provider()).append(" (").append(describe(attempt)).append(')');
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

    private static String reason(int status) {
        switch (status) {
            case 400: return "bad request";
            case 401: return "unauthorized";
            case 402: return "payment required";
            case 403: return "forbidden";
            case 404: return "not found";
            case 408: return "request timeout";
            case 409: return "conflict";
            case 413: return "request too large";
            case 422: return "unprocessable";
            case 425: return "too early";
            case 429: return "rate limited";
            case 500: return "server error";
            case 502: return "bad gateway";
            case 503: return "unavailable";
            case 504: return "gateway timeout";
            case 529: return "overloaded";
            default: return "";
        }
    }
}
