package dev.llmfallback.examples.fake;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a {@link FakeProvider} does with a request: answer, answer with an HTTP error in the provider's own
 * wire format, hang, reset the connection, or refuse connections altogether.
 *
 * <p>The error bodies and headers are the provider's (see {@link FakeProvider}); a behaviour only says which
 * status, and for 429 which {@code retry-after}. Immutable and thread-safe.
 */
public final class Behaviour {

    /** What kind of thing happens on the wire. */
    public enum Kind {
        /** 200 with the provider's success JSON, after {@link #latency()}. */
        ANSWER,
        /** An HTTP error status with the provider's error JSON. */
        ERROR,
        /**
         * 200 and a stream ({@code text/event-stream}) that begins, then carries the provider's in-stream
         * error event for an error status (Anthropic {@code event: error}, OpenAI a {@code data:} line with
         * {@code {"error":{...}}}), as when a provider fails after the stream began. For streaming requests.
         */
        STREAM_ERROR,
        /** The request is read and never answered; the connection stays open until the client gives up. */
        HANG,
        /**
         * 200 and the start of a stream ({@code text/event-stream}), then no event: the connection stays open
         * (kept alive by SSE comment lines) until the client closes it or the server is closed.
         */
        STREAM_STALL,
        /** The request is read, then the connection is reset (TCP RST) without a response. */
        RESET,
        /** Connections are refused: nothing listens on the port. */
        REFUSE
    }

    private static final Duration NO_LATENCY = Duration.ZERO;

    private final Kind kind;
    private final int status;
    private final Duration latency;
    private final Duration retryAfter;
    /** For {@link Kind#STREAM_ERROR}: the text deltas sent before the error event. */
    private final int deltasBeforeError;

    private Behaviour(Kind kind, int status, Duration latency, Duration retryAfter) {
        this(kind, status, latency, retryAfter, 0);
    }

    private Behaviour(Kind kind, int status, Duration latency, Duration retryAfter, int deltasBeforeError) {
        this.kind = kind;
        this.status = status;
        this.latency = latency;
        this.retryAfter = retryAfter;
        this.deltasBeforeError = deltasBeforeError;
    }

    /**
     * Answers at once with the provider's success JSON.
     *
     * @return the behaviour
     */
    public static Behaviour answer() {
        return answer(NO_LATENCY);
    }

    /**
     * Answers with the provider's success JSON after {@code latency} (the response headers are held back
     * that long, as a model that is generating would).
     *
     * @param latency how long to take, not negative
     * @return the behaviour
     */
    public static Behaviour answer(Duration latency) {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
        return new Behaviour(Kind.ANSWER, 200, latency, null);
    }

    /**
     * Answers with HTTP {@code status} and the provider's error JSON for it (Anthropic
     * {@code {"type":"error","error":{"type":...,"message":...}}}, OpenAI
     * {@code {"error":{"message":...,"type":...,"param":...,"code":...}}}; a 502 is the HTML page a gateway
     * in front of the API sends).
     *
     * @param status an HTTP error status, 400..599
     * @return the behaviour
     */
    public static Behaviour status(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status is 400..599, not " + status);
        }
        return new Behaviour(Kind.ERROR, status, NO_LATENCY, null);
    }

    /**
     * Answers 200 with the start of a stream, then the provider's in-stream error event for {@code status}:
     * the body of the error the provider would have sent with that status (Anthropic
     * {@code event: error} with {@code {"type":"error","error":{"type":"overloaded_error",...}}} for 529;
     * OpenAI {@code data: {"error":{"type":"server_error",...}}} for a 5xx). The SDKs report it with the
     * stream's status, 200. Only streaming clients read it as a stream.
     *
     * @param status the error status whose error type the event carries, 400..599
     * @return the behaviour
     */
    public static Behaviour streamError(int status) {
        return streamErrorAfter(0, status);
    }

    /**
     * Answers 200 with the start of a stream and {@code deltas} text deltas of the answer (Anthropic: the text
     * block's start and its {@code content_block_delta}s; OpenAI: content chunks), then the provider's
     * in-stream error event for {@code status}, as when a provider fails in the middle of its answer.
     * {@code streamErrorAfter(0, status)} is {@link #streamError(int)}.
     *
     * @param deltas the text deltas sent before the error, not negative
     * @param status the error status whose error type the event carries, 400..599
     * @return the behaviour
     */
    public static Behaviour streamErrorAfter(int deltas, int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status is 400..599, not " + status);
        }
        if (deltas < 0) {
            throw new IllegalArgumentException("deltas must not be negative: " + deltas);
        }
        return new Behaviour(Kind.STREAM_ERROR, status, NO_LATENCY, null, deltas);
    }

    /**
     * 400 {@code invalid_request_error}: the prompt is longer than the model's context.
     *
     * @return the behaviour
     */
    public static Behaviour promptTooLong() {
        return status(400);
    }

    /**
     * 429 rate limited, with a {@code retry-after} header.
     *
     * @param retryAfter the wait the provider asks for, whole seconds on the wire (at least one second)
     * @return the behaviour
     */
    public static Behaviour rateLimited(Duration retryAfter) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
        }
        Duration seconds = Duration.ofSeconds(Math.max(1, retryAfter.toSeconds()));
        return new Behaviour(Kind.ERROR, 429, NO_LATENCY, seconds);
    }

    /**
     * 529 {@code overloaded_error}, Anthropic's "the API is temporarily overloaded" (OpenAI's fake answers 529
     * too, in its own format, though OpenAI itself says 503 for this).
     *
     * @return the behaviour
     */
    public static Behaviour overloaded() {
        return status(529);
    }

    /**
     * Reads the request and never answers: the connection stays open until the client times out or the
     * server is closed.
     *
     * @return the behaviour
     */
    public static Behaviour hang() {
        return new Behaviour(Kind.HANG, 0, NO_LATENCY, null);
    }

    /**
     * Answers 200 with the start of a stream (the provider's preamble: Anthropic {@code message_start} and
     * {@code ping}; OpenAI a role-only chunk), then sends no event, only an SSE comment line now and then, until
     * the client closes the stream or the server is closed: a provider that accepted the request and never
     * produces a token. {@link FakeProvider#openStreams()} counts such streams still open.
     *
     * @return the behaviour
     */
    public static Behaviour streamStall() {
        return new Behaviour(Kind.STREAM_STALL, 200, NO_LATENCY, null);
    }

    /**
     * Reads the request and resets the connection (TCP RST) instead of answering.
     *
     * @return the behaviour
     */
    public static Behaviour reset() {
        return new Behaviour(Kind.RESET, 0, NO_LATENCY, null);
    }

    /**
     * Refuses connections: the server stops listening on its port (a client's connect fails with
     * "connection refused") until it is given another standing behaviour. Only a standing behaviour
     * ({@link FakeProvider#behave(Behaviour)}): a refused connection never reaches a script.
     *
     * @return the behaviour
     */
    public static Behaviour refuse() {
        return new Behaviour(Kind.REFUSE, 0, NO_LATENCY, null);
    }

    /**
     * What kind of thing happens.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The HTTP status sent: 200 for {@link Kind#ANSWER} and {@link Kind#STREAM_ERROR}, the error status for
     * {@link Kind#ERROR}, none otherwise.
     *
     * @return the status, or empty when no response is sent
     */
    public OptionalInt status() {
        if (kind == Kind.STREAM_ERROR || kind == Kind.STREAM_STALL) {
            return OptionalInt.of(200);
        }
        return kind == Kind.ANSWER || kind == Kind.ERROR ? OptionalInt.of(status) : OptionalInt.empty();
    }

    /**
     * The error status whose in-stream error event a {@link Kind#STREAM_ERROR} sends.
     *
     * @return the status, or empty for other kinds
     */
    public OptionalInt streamErrorStatus() {
        return kind == Kind.STREAM_ERROR ? OptionalInt.of(status) : OptionalInt.empty();
    }

    /**
     * How many text deltas a {@link Kind#STREAM_ERROR} sends before its error event.
     *
     * @return the count; 0 for other kinds
     */
    public int deltasBeforeError() {
        return deltasBeforeError;
    }

    /**
     * How long an answer takes; zero for everything else.
     *
     * @return the latency
     */
    public Duration latency() {
        return latency;
    }

    /**
     * The {@code retry-after} sent with a 429.
     *
     * @return the wait, or empty
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * A short label, e.g. {@code answer 120 ms}, {@code 529}, {@code 429 retry-after 7 s}, {@code hang}.
     *
     * @return the label
     */
    @Override
    public String toString() {
        switch (kind) {
            case ANSWER:
                return latency.isZero() ? "answer" : "answer " + latency.toMillis() + " ms";
            case ERROR:
                return retryAfter == null ? Integer.toString(status)
                        : status + " retry-after " + retryAfter.toSeconds() + " s";
            case STREAM_ERROR:
                return deltasBeforeError == 0 ? "200, then in-stream " + status
                        : "200, " + deltasBeforeError + " deltas, then in-stream " + status;
            default:
                return kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Behaviour)) {
            return false;
        }
        Behaviour that = (Behaviour) other;
        return kind == that.kind && status == that.status && latency.equals(that.latency)
                && Objects.equals(retryAfter, that.retryAfter) && deltasBeforeError == that.deltasBeforeError;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, status, latency, retryAfter, deltasBeforeError);
    }
}
