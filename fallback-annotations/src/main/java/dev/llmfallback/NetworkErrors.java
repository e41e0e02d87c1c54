package dev.llmfallback;

/**
 * Moves on only for network failures and timeouts, recognised by exception type (never by status):
 * see {@link Failures#isNetwork(Throwable)} and {@link Failures#isTimeout(Throwable)}.
 *
 * <p>Stateless and thread-safe; use {@link #INSTANCE} or the public constructor (both are equivalent).
 */
public final class NetworkErrors implements SkipPredicate {

    /** The shared instance. */
    public static final NetworkErrors INSTANCE = new NetworkErrors();

    /** Creates the predicate; {@link #INSTANCE} is the same thing. */
    public NetworkErrors() {
        // stateless
    }

    @Override
    public boolean shouldSkip(Throwable failure) {
        return Failures.isNetwork(failure) || Failures.isTimeout(failure);
    }
}
