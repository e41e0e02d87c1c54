package dev.llmfallback;

/**
 * Moves on only for HTTP 429 (Too Many Requests), found on the failure or its cause chain.
 *
 * <p>Stateless and thread-safe; use {@link #INSTANCE} or the public constructor (both are equivalent).
 */
public final class RateLimited implements SkipPredicate {

    /** The shared instance. */
    public static final RateLimited INSTANCE = new RateLimited();

    /** Creates the predicate; {@link #INSTANCE} is the same thing. */
    public RateLimited() {
        // stateless
    }

    @Override
    public boolean shouldSkip(Throwable failure) {
        return Failures.statusOrNone(failure) == 429;
    }
}
