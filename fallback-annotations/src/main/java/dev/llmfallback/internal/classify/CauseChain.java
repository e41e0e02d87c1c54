package dev.llmfallback.internal.classify;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * Walks a failure's cause chain: the failure itself, its cause, the cause's cause, and so on, outermost
 * first.
 *
 * <p>At most {@value #MAX_LINKS} links, so that a cycle or an endless {@code getCause()} still ends. A
 * {@code getCause()} that returns its own link or throws anything (a {@link StackOverflowError} included)
 * ends the chain there. The walks allocate nothing:
 * they run on every fall-over, so instead of remembering the links seen they rely on the bound, which means
 * a longer cycle ({@code a -> b -> a}) repeats its links until the bound. That is harmless for what is
 * asked of a link here (does it match, what does it hold): the answer for a repeated link is the one it
 * already gave. Not API. Stateless and thread-safe.
 */
public final class CauseChain {

    /** The most links ever looked at; real chains are a handful deep. */
    public static final int MAX_LINKS = 32;

    private CauseChain() {
    }

    /**
     * Tells whether any link of {@code failure}'s cause chain passes {@code test}.
     *
     * @param failure a failure, may be {@code null}
     * @param test asked of each link (never {@code null}) until it answers {@code true}
     * @return {@code true} if a link passes; {@code false} for a {@code null} failure
     */
    public static boolean anyMatch(Throwable failure, Predicate<? super Throwable> test) {
        Throwable link = failure;
        for (int seen = 1; link != null; seen++) {
            if (test.test(link)) {
                return true;
            }
            link = seen < MAX_LINKS ? next(link) : null;
        }
        return false;
    }

    /**
     * The first value of {@code read} that is not negative, over the links of {@code failure}'s cause
     * chain. Negative means "this link has no value"; an {@code int} rather than an {@code OptionalInt}
     * so that neither the reader nor the walk allocates.
     *
     * @param failure a failure, may be {@code null}
     * @param read gives a link's value (the link is never {@code null}), or a negative number for none
     * @return the first value that is not negative, or {@code -1} if no link has one
     */
    public static int firstNonNegative(Throwable failure, ToIntFunction<? super Throwable> read) {
        Throwable link = failure;
        for (int seen = 1; link != null; seen++) {
            int value = read.applyAsInt(link);
            if (value >= 0) {
                return value;
            }
            link = seen < MAX_LINKS ? next(link) : null;
        }
        return -1;
    }

    /**
     * The first present value of {@code read} over the links of {@code failure}'s cause chain.
     *
     * @param <T> the type of value
     * @param failure a failure, may be {@code null}
     * @param read gives a link's value (the link is never {@code null}), or empty for none
     * @return the first present value, or empty if no link has one
     */
    public static <T> Optional<T> firstPresent(Throwable failure, Function<? super Throwable, Optional<T>> read) {
        Throwable link = failure;
        for (int seen = 1; link != null; seen++) {
            Optional<T> value = read.apply(link);
            if (value.isPresent()) {
                return value;
            }
            link = seen < MAX_LINKS ? next(link) : null;
        }
        return Optional.empty();
    }

    // getCause() can be overridden by any library; classifying a failure must not fail because of it,
    // whatever it throws (a recursing override overflows the stack). A link that names itself as its cause
    // would otherwise repeat up to the bound for nothing.
    private static Throwable next(Throwable link) {
        try {
            Throwable cause = link.getCause();
            return cause == link ? null : cause;
        } catch (Throwable thrown) {
            return null;
        }
    }
}
