package dev.llmfallback.tck;

import dev.llmfallback.SkipPredicate;

/** A predicate with a bug: it throws a fresh {@link IllegalStateException} with message {@value #MESSAGE}. */
public final class ThrowingPredicate implements SkipPredicate {

    public static final String MESSAGE = "predicate bug";

    @Override
    public boolean shouldSkip(Throwable failure) {
        throw new IllegalStateException(MESSAGE);
    }
}
