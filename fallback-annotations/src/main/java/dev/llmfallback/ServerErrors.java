package dev.llmfallback;

/**
 * Moves on only for HTTP 5xx (529 {@code overloaded_error} included), found on the failure or its cause chain.
 *
 * <p>Stateless and thread-safe; use {@link #INSTANCE} or the public constructor (both are equivalent).
 */
public final class ServerErrors implements SkipPredicate {

    /** The shared instance. */
    public static final ServerErrors INSTANCE = new ServerErrors();

    /** Creates the predicate; {@link #INSTANCE} is the same thing. */
    public ServerErrors() {
        // stateless
    }

    @Override
    public boolean shouldSkip(Throwable failure) {
        int status = Failures.statusOrNone(failure);
        return status >= 500 && status <= 599;
    }
}
