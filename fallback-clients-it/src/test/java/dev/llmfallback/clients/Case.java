package dev.llmfallback.clients;

import java.time.Duration;
import java.util.Optional;

/**
 * One failure a fake provider produces for a real client: an HTTP error in the provider's own format, a
 * hang, or a refused connection. What each means for the built-in predicates is {@link Spec}'s to say.
 */
public enum Case {

    RATE_LIMITED_429("429 rate limited, `retry-after: 7`", 429),
    /** The provider's quota or billing error; its status depends on the provider ({@link Provider#quotaStatus()}). */
    QUOTA(null, 0),
    OVERLOADED_529("529 overloaded", 529),
    SERVER_ERROR_500("500 server error", 500),
    BAD_GATEWAY_502("502 bad gateway (a gateway's HTML page)", 502),
    UNAVAILABLE_503("503 unavailable", 503),
    GATEWAY_TIMEOUT_504("504 gateway timeout", 504),
    BAD_REQUEST_400("400 invalid request", 400),
    UNAUTHORIZED_401("401 bad credentials", 401),
    FORBIDDEN_403("403 forbidden", 403),
    NOT_FOUND_404("404 model not found", 404),
    REQUEST_TIMEOUT_408("408 request timeout", 408),
    TOO_LARGE_413("413 request too large", 413),
    UNPROCESSABLE_422("422 unprocessable", 422),
    HANG("hang; client timeout 300 ms", 0),
    REFUSED("connection refused (closed port)", 0),
    /**
     * A host name that does not resolve ({@value Fake#UNRESOLVABLE_HOST}; the test JVMs resolve names from a
     * hosts file, {@code -Djdk.net.hosts.file}, so no DNS server is ever asked).
     */
    UNRESOLVED("host name does not resolve", 0);

    /** The wait a {@link #RATE_LIMITED_429} asks for in its {@code retry-after} header. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(7);

    /** The client timeout that ends a {@link #HANG}: a real timeout of the client, short so the test is quick. */
    public static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);

    /** The client timeout for every other case, which nothing here comes near. */
    public static final Duration LONG_TIMEOUT = Duration.ofSeconds(10);

    private final String label;
    private final int status;

    Case(String label, int status) {
        this.label = label;
        this.status = status;
    }

    /** The row's label in the docs' table for {@code provider}. */
    public String label(Provider provider) {
        return this == QUOTA ? provider.quotaLabel() : label;
    }

    /** The HTTP status sent to a client of {@code provider}; 0 when no response is sent. */
    public int status(Provider provider) {
        return this == QUOTA ? provider.quotaStatus() : status;
    }

    /** Whether the client never reaches the server: the connection is refused, or the host is unknown. */
    public boolean isUnreachable() {
        return this == REFUSED || this == UNRESOLVED;
    }

    /** The timeout the client is configured with for this case. */
    public Duration clientTimeout() {
        return this == HANG ? SHORT_TIMEOUT : LONG_TIMEOUT;
    }

    /** The {@code retry-after} header sent, if any. */
    public Optional<Duration> retryAfterSent() {
        return this == RATE_LIMITED_429 ? Optional.of(RETRY_AFTER) : Optional.empty();
    }
}
