package dev.llmfallback;

/**
 * Moves on for every {@link Exception}. ({@link Error}s and interruptions end a chain before any predicate is
 * asked.)
 *
 * <p>Stateless and thread-safe; use {@link #INSTANCE} or the public constructor (both are equivalent).
 */
public final class Always implements SkipPredicate {

    /** The shared instance. */
    public static final Always INSTANCE = new Always();

    /** Creates the predicate; {@link #INSTANCE} is the same thing. */
    public Always() {
        // stateless
    }

    @Override
    public boolean shouldSkip(Throwable failure) {
        return failure instanceof Exception;
    }
}
