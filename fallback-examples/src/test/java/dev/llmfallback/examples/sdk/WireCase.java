package dev.llmfallback.examples.sdk;

import dev.llmfallback.examples.fake.Behaviour;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every failure a fake provider can produce, with what SPEC §6 says the built-in predicates decide for it.
 * The expectations are written out here, from the SPEC's words, not computed by the code under test.
 */
enum WireCase {

    OVERLOADED_529("529 overloaded", Behaviour.overloaded(), 529, Transport.NONE,
            "RetryableOnly ProviderFaults ServerErrors Always"),
    RATE_LIMITED_429("429 rate limited, `retry-after: 7`", Behaviour.rateLimited(Duration.ofSeconds(7)), 429,
            Transport.NONE, "RetryableOnly ProviderFaults RateLimited Always"),
    SERVER_ERROR_500("500 server error", Behaviour.status(500), 500, Transport.NONE,
            "RetryableOnly ProviderFaults ServerErrors Always"),
    BAD_GATEWAY_502("502 bad gateway (HTML body)", Behaviour.status(502), 502, Transport.NONE,
            "RetryableOnly ProviderFaults ServerErrors Always"),
    UNAVAILABLE_503("503 unavailable", Behaviour.status(503), 503, Transport.NONE,
            "RetryableOnly ProviderFaults ServerErrors Always"),
    GATEWAY_TIMEOUT_504("504 gateway timeout", Behaviour.status(504), 504, Transport.NONE,
            "RetryableOnly ProviderFaults ServerErrors Always"),
    PROMPT_TOO_LONG_400("400 prompt is too long", Behaviour.promptTooLong(), 400, Transport.NONE, "Always"),
    UNAUTHORIZED_401("401 bad API key", Behaviour.status(401), 401, Transport.NONE, "ProviderFaults Always"),
    PAYMENT_REQUIRED_402("402 billing", Behaviour.status(402), 402, Transport.NONE, "ProviderFaults Always"),
    FORBIDDEN_403("403 forbidden", Behaviour.status(403), 403, Transport.NONE, "ProviderFaults Always"),
    NOT_FOUND_404("404 model not found", Behaviour.status(404), 404, Transport.NONE, "ProviderFaults Always"),
    REQUEST_TIMEOUT_408("408 request timeout", Behaviour.status(408), 408, Transport.NONE,
            "RetryableOnly ProviderFaults Always"),
    CONFLICT_409("409 conflict", Behaviour.status(409), 409, Transport.NONE, "RetryableOnly ProviderFaults Always"),
    TOO_LARGE_413("413 request too large", Behaviour.status(413), 413, Transport.NONE, "Always"),
    UNPROCESSABLE_422("422 unprocessable", Behaviour.status(422), 422, Transport.NONE, "Always"),
    HANG_REQUEST_TIMEOUT("hang; SDK request timeout 300 ms", Behaviour.hang(), 0, Transport.TIMEOUT,
            "RetryableOnly ProviderFaults NetworkErrors Always"),
    HANG_READ_TIMEOUT("hang; SDK read timeout 300 ms", Behaviour.hang(), 0, Transport.TIMEOUT,
            "RetryableOnly ProviderFaults NetworkErrors Always"),
    RESET("connection reset", Behaviour.reset(), 0, Transport.NETWORK,
            "RetryableOnly ProviderFaults NetworkErrors Always"),
    REFUSE("connection refused", Behaviour.refuse(), 0, Transport.NETWORK,
            "RetryableOnly ProviderFaults NetworkErrors Always");

    /** What failed below HTTP, if anything. */
    enum Transport {
        /** An HTTP response with an error status. */
        NONE,
        /** No response: the connection failed. */
        NETWORK,
        /** No response in time: the SDK's own timeout. */
        TIMEOUT
    }

    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration LONG = Duration.ofSeconds(10);

    private final String label;
    private final Behaviour behaviour;
    private final int status;
    private final Transport transport;
    private final Set<Predicate> movesOn;

    WireCase(String label, Behaviour behaviour, int status, Transport transport, String movesOn) {
        this.label = label;
        this.behaviour = behaviour;
        this.status = status;
        this.transport = transport;
        this.movesOn = Arrays.stream(movesOn.split(" ")).map(Predicate::named)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Predicate.class)));
    }

    String label() {
        return label;
    }

    Behaviour behaviour() {
        return behaviour;
    }

    /** The HTTP status the SPEC says {@code Failures.statusCode} reads; 0 for none. */
    int status() {
        return status;
    }

    Transport transport() {
        return transport;
    }

    /** The built-ins that move on for this failure per SPEC §6; all others stop. */
    Set<Predicate> movesOn() {
        return movesOn;
    }

    /**
     * The SDK's request (whole call) timeout for this case: 300 ms to end a hang by it, else 10 s, which
     * nothing here comes near. (The SDKs' {@code timeout(Duration)} sets both request and read timeouts, and
     * then either may fire first; the two hang cases set one short each so that the table is reproducible.)
     */
    Duration requestTimeout() {
        return this == HANG_REQUEST_TIMEOUT ? SHORT : LONG;
    }

    /** The SDK's read timeout for this case: 300 ms to end a hang by it, else 10 s. */
    Duration readTimeout() {
        return this == HANG_READ_TIMEOUT ? SHORT : LONG;
    }

    /** The SPEC's Retry-After: the 7 seconds the 429 asks for; none for everything else. */
    Duration retryAfter() {
        return behaviour.retryAfter().orElse(null);
    }
}
