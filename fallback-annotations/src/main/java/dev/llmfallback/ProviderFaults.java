package dev.llmfallback;

/**
 * Moves on for everything {@link RetryableOnly} moves on for, plus HTTP 401, 402, 403 and 404: bad
 * credentials, billing, a model this provider does not have. Faults of this provider that the next
 * provider, with its own key and models, does not share.
 *
 * <p>Stateless and thread-safe; use {@link #INSTANCE} or the public constructor (both are equivalent).
 */
public final class ProviderFaults implements SkipPredicate {

    /** The shared instance. */
    public static final ProviderFaults INSTANCE = new ProviderFaults();

    /** Creates the predicate; {@link #INSTANCE} is the same thing. */
    public ProviderFaults() {
        // stateless
    }

    @Override
    public boolean shouldSkip(Throwable failure) {
        int status = Failures.statusOrNone(failure);
        return (status >= 401 && status <= 404) || RetryableOnly.INSTANCE.shouldSkip(failure);
    }
}
