package dev.llmfallback.internal;

import dev.llmfallback.SkipPredicate;
import java.util.List;
import java.util.Objects;

/**
 * What the {@link Engine} needs to run a chain: per link, a label, a method label, a predicate and a way
 * to invoke it. Immutable and thread-safe; one instance serves every call of its chain.
 */
public abstract class Chain {

    private final String[] providers;
    private final String[] methods;
    private final SkipPredicate[] predicates;
    private final long[] timeoutNanos;
    private final boolean[] asyncLinks;
    private final long deadlineNanos;
    private final boolean returnsFuture;
    private final boolean headRunsInline;

    /**
     * Creates a chain description.
     *
     * @param providers     the provider labels, in order
     * @param methods       the method labels, in order
     * @param predicates    the predicates, in order
     * @param timeoutNanos  per link, its own attempt timeout in nanoseconds, 0 for none
     * @param asyncLinks    per link, whether invoking it returns a {@code CompletionStage} to wait for
     * @param deadlineNanos the whole chain's budget in nanoseconds, 0 for none
     * @param returnsFuture whether {@link Engine#run} must answer with a future (an async annotated head)
     */
    protected Chain(List<String> providers, List<String> methods, List<SkipPredicate> predicates,
            long[] timeoutNanos, boolean[] asyncLinks, long deadlineNanos, boolean returnsFuture) {
        this.providers = providers.toArray(String[]::new);
        this.methods = methods.toArray(String[]::new);
        this.predicates = predicates.toArray(SkipPredicate[]::new);
        this.timeoutNanos = timeoutNanos.clone();
        this.asyncLinks = asyncLinks.clone();
        this.deadlineNanos = deadlineNanos;
        this.returnsFuture = returnsFuture;
        int size = this.providers.length;
        if (size == 0 || this.methods.length != size || this.predicates.length != size
                || this.timeoutNanos.length != size || this.asyncLinks.length != size) {
            throw new IllegalArgumentException("a chain needs at least one link and one label, method, "
                    + "predicate, timeout and async flag per link");
        }
        for (int i = 0; i < this.providers.length; i++) {
            Objects.requireNonNull(this.providers[i], "provider label");
            Objects.requireNonNull(this.methods[i], "method label");
            Objects.requireNonNull(this.predicates[i], "predicate");
        }
        this.headRunsInline = !returnsFuture && deadlineNanos == 0 && this.timeoutNanos[0] == 0 && !this.asyncLinks[0];
    }

    /**
     * The number of links.
     *
     * @return at least 1
     */
    public final int size() {
        return providers.length;
    }

    /**
     * The provider label of link {@code i}.
     *
     * @param i the link's index
     * @return the label
     */
    public final String provider(int i) {
        return providers[i];
    }

    /**
     * The method label of link {@code i}.
     *
     * @param i the link's index
     * @return the label
     */
    public final String method(int i) {
        return methods[i];
    }

    /**
     * The predicate that judges link {@code i}'s failures.
     *
     * @param i the link's index
     * @return the predicate
     */
    public final SkipPredicate predicate(int i) {
        return predicates[i];
    }

    /**
     * Link {@code i}'s own attempt timeout.
     *
     * @param i the link's index
     * @return nanoseconds, 0 for none
     */
    public final long timeoutNanos(int i) {
        return timeoutNanos[i];
    }

    /**
     * Whether invoking link {@code i} returns a {@code CompletionStage} whose outcome is the attempt's.
     *
     * @param i the link's index
     * @return {@code true} for an async link
     */
    public final boolean isAsync(int i) {
        return asyncLinks[i];
    }

    /**
     * The chain's budget.
     *
     * @return nanoseconds, 0 for none
     */
    public final long deadlineNanos() {
        return deadlineNanos;
    }

    /**
     * Whether {@link Engine#run} answers with a future: the head of an annotated async chain.
     *
     * @return {@code true} for an async head
     */
    public final boolean returnsFuture() {
        return returnsFuture;
    }

    /**
     * Whether a weaving front door may run the head's body itself, on the calling thread, between
     * {@link Engine#startInline} and {@link Engine#headAnswered} or {@link Engine#headFailed}: the head is
     * synchronous and nothing bounds its time (no timeout of its own, no deadline), so the engine would
     * only have invoked it where it stands.
     *
     * @return {@code true} if the head may run inline
     */
    public final boolean headRunsInline() {
        return headRunsInline;
    }

    /**
     * The provider labels, in order.
     *
     * @return an unmodifiable list
     */
    public final List<String> providers() {
        return List.of(providers);
    }

    /**
     * Invokes link {@code i}'s own body.
     *
     * @param i        the link's index
     * @param target   the receiver (annotated chains) or the input (programmatic chains)
     * @param args     the head's arguments (annotated chains), or {@code null}
     * @param previous the previous link's failure, or {@code null} for the head
     * @param recorder the calling thread's recorder
     * @return the link's result; for an {@linkplain #isAsync(int) async} link, its {@code CompletionStage}
     * @throws Throwable whatever the link threw, unchanged
     */
    protected abstract Object invoke(int i, Object target, Object[] args, Throwable previous,
            TraceRecorder recorder) throws Throwable;
}
