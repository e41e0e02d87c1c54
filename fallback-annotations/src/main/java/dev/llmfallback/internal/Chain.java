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

    /**
     * Creates a chain description.
     *
     * @param providers  the provider labels, in order
     * @param methods    the method labels, in order
     * @param predicates the predicates, in order
     */
    protected Chain(List<String> providers, List<String> methods, List<SkipPredicate> predicates) {
        this.providers = providers.toArray(String[]::new);
        this.methods = methods.toArray(String[]::new);
        this.predicates = predicates.toArray(SkipPredicate[]::new);
        if (this.providers.length == 0 || this.methods.length != this.providers.length
                || this.predicates.length != this.providers.length) {
            throw new IllegalArgumentException("a chain needs at least one link and one label, method and "
                    + "predicate per link");
        }
        for (int i = 0; i < this.providers.length; i++) {
            Objects.requireNonNull(this.providers[i], "provider label");
            Objects.requireNonNull(this.methods[i], "method label");
            Objects.requireNonNull(this.predicates[i], "predicate");
        }
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
     * @return the link's result
     * @throws Throwable whatever the link threw, unchanged
     */
    protected abstract Object invoke(int i, Object target, Object[] args, Throwable previous,
            TraceRecorder recorder) throws Throwable;
}
