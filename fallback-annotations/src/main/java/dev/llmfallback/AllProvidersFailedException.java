package dev.llmfallback;

import dev.llmfallback.internal.classify.FailureSummary;
import java.util.List;

/**
 * Every link of a chain failed, each with a failure its predicate moved on from or a timeout, or the
 * chain's deadline ran out before the remaining links could be tried.
 *
 * <p>{@link #attempts()} lists every attempt in order, links never tried included
 * ({@link Attempt.Outcome#NOT_TRIED NOT_TRIED}); {@link #getCause()} is the last failure; every failure, the
 * last included, is added as {@linkplain #getSuppressed() suppressed}. The message lists
 * the providers and what each failed with, for example
 * {@code all 3 providers failed: anthropic (529 overloaded), openai (429 rate limited), local (IOException)};
 * it shows failure types and HTTP statuses, never a failure's message or an argument. Not final only so that
 * {@link AllProvidersUnhealthyException} can say that every link was skipped as unhealthy.
 */
public class AllProvidersFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Attempts hold throwables, which are serializable; the list is an immutable copy. */
    @SuppressWarnings("serial")
    private final List<Attempt> attempts;

    /**
     * Creates the exception from the chain's attempts.
     *
     * @param attempts every attempt, in order; must not be empty
     * @throws IllegalArgumentException if {@code attempts} is empty
     */
    public AllProvidersFailedException(List<Attempt> attempts) {
        this(attempts, FailureSummary.allFailedMessage(attempts));
    }

    // For the engine (through RecordedSummaries): the message comes from the failure summaries recorded when
    // each failure was judged, and runs no failure's code.
    AllProvidersFailedException(FallbackTrace trace) {
        this(trace.attempts(), trace.allFailedMessage());
    }

    // JDK 21+ lint flags the call into Throwable.addSuppressed (another module); it is final and only records
    // the throwable, so no subclass code sees a half-built exception.
    @SuppressWarnings("this-escape")
    private AllProvidersFailedException(List<Attempt> attempts, String message) {
        super(message, lastFailure(attempts));
        this.attempts = List.copyOf(attempts);
        for (Attempt attempt : this.attempts) {
            if (attempt.failure() != null) {
                addSuppressed(attempt.failure());
            }
        }
    }

    private static Throwable lastFailure(List<Attempt> attempts) {
        if (attempts.isEmpty()) {
            throw new IllegalArgumentException("AllProvidersFailedException needs at least one attempt");
        }
        for (int i = attempts.size() - 1; i >= 0; i--) {
            if (attempts.get(i).failure() != null) {
                return attempts.get(i).failure();
            }
        }
        return null;
    }

    /**
     * Every attempt of the chain, in order.
     *
     * @return an unmodifiable list
     */
    public List<Attempt> attempts() {
        return attempts;
    }
}
