package dev.llmfallback;

/**
 * The default: moves on for failures of the provider that another provider does not share: HTTP 408, 409,
 * 425, 429 and every 5xx (529 {@code overloaded_error} included); network failures; timeouts. Stops for
 * everything else: 400, 401, 403, 404, 413, 422 and any unclassified exception, which is more likely a bug
 * in the calling code than an outage.
 *
 * <p>A status code found on the failure or its cause chain decides alone; without one, a network failure
 * or timeout moves on. See {@link Failures} for how each is recognised.
 *
 * <p>Stateless and thread-safe; use {@link #INSTANCE} or the public constructor (both are equivalent).
 */
public final class RetryableOnly implements SkipPredicate {

    /** The shared instance. */
    public static final RetryableOnly INSTANCE = new RetryableOnly();

    /** Creates the predicate; {@link #INSTANCE} is the same thing. */
    public RetryableOnly() {
        // stateless
    }

    @Override
    public boolean shouldSkip(Throwable failure) {
        return Failures.isRetryable(failure);
    }
}
