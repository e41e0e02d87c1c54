package dev.llmfallback;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Thrown when every link of a chain was skipped because its provider is forced open or cooling for a hard
 * reason (quota, billing, credentials), so that there was nothing the chain could try (SPEC §9). Its
 * {@link #retryAfter()} is what an HTTP layer answers with {@code Retry-After}.
 */
public final class AllProvidersUnhealthyException extends AllProvidersFailedException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param attempts   every link, recorded {@link Attempt.Outcome#SKIPPED_UNHEALTHY SKIPPED_UNHEALTHY}
     * @param retryAfter the time left until the earliest recovery
     */
    public AllProvidersUnhealthyException(List<Attempt> attempts, Duration retryAfter) {
        super(attempts);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    // For the engine (through RecordedSummaries): the message says why each link was skipped.
    AllProvidersUnhealthyException(FallbackTrace trace, Duration retryAfter) {
        super(trace);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /**
     * How long until the first of the chain's providers may be called again.
     *
     * @return not negative
     */
    public Duration retryAfter() {
        return retryAfter;
    }
}
