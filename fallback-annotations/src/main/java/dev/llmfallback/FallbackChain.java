package dev.llmfallback;

import dev.llmfallback.internal.Chain;
import dev.llmfallback.internal.Engine;
import dev.llmfallback.internal.TraceRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A fallback chain built in code: providers tried in order, with the same engine and the same rules as
 * annotated chains (see the <a href="package-summary.html#rules">package documentation</a>).
 *
 * <pre>{@code
 * FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
 *         .provider("anthropic", this::callAnthropic)
 *         .provider("openai", this::callOpenAi)
 *         .build();
 * String answer = chain.run(prompt);
 * }</pre>
 *
 * <p>Immutable, reusable and thread-safe: a chain keeps no per-call state, so calls never see each
 * other's attempts. {@link FallbackTrace#current()} tells what the last {@link #run} on a thread did.
 *
 * @param <I> the input every provider receives, for example a prompt
 * @param <O> the answer
 */
public final class FallbackChain<I, O> {

    private final Links<I, O> links;

    private FallbackChain(Links<I, O> links) {
        this.links = links;
    }

    /**
     * Starts a chain.
     *
     * @param <I> the input type
     * @param <O> the answer type
     * @return a new builder
     */
    public static <I, O> Builder<I, O> builder() {
        return new Builder<>();
    }

    /**
     * Runs the chain with {@code input} on the calling thread.
     *
     * <p>Returns the first provider's answer that succeeded. When the chain stops on a failure its
     * predicate does not move on from, or on an {@link Error} or an interruption, that failure is thrown
     * unchanged: checked exceptions as they are (declared here as {@code Exception}), unchecked ones and
     * errors as they are. When every provider failed with a failure that moved on,
     * {@link AllProvidersFailedException} is thrown.
     *
     * @param input passed to every provider; never appears in a message or trace
     * @return the answer ({@code null} if the provider that answered returned {@code null})
     * @throws Exception the failure that stopped the chain, unchanged
     * @throws AllProvidersFailedException when every provider failed
     */
    @SuppressWarnings("unchecked")
    public O run(I input) throws Exception {
        try {
            return (O) Engine.run(links, input, null);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable other) {
            // Neither Exception nor Error: only a provider that throws sneakily gets here; let it out as is.
            throw Links.<RuntimeException>sneaky(other);
        }
    }

    /**
     * The provider names, in order.
     *
     * @return an unmodifiable list
     */
    public List<String> names() {
        return links.providers();
    }

    @Override
    public String toString() {
        return "FallbackChain" + names();
    }

    /**
     * Builds a {@link FallbackChain}. Not thread-safe; {@link #build()} may be called more than once and
     * each chain is independent of later changes to the builder.
     *
     * @param <I> the input type
     * @param <O> the answer type
     */
    public static final class Builder<I, O> {
        private final List<String> names = new ArrayList<>();
        private final List<LlmProvider<? super I, ? extends O>> providers = new ArrayList<>();
        private final List<SkipPredicate> ownPredicates = new ArrayList<>();
        private SkipPredicate defaultPredicate = RetryableOnly.INSTANCE;

        private Builder() {
        }

        /**
         * Adds a provider judged by the chain's predicate ({@link #skipOn(SkipPredicate)}).
         *
         * @param name     a label for traces and messages; not blank
         * @param provider the provider
         * @return this builder
         */
        public Builder<I, O> provider(String name, LlmProvider<? super I, ? extends O> provider) {
            return add(name, provider, null);
        }

        /**
         * Adds a provider whose failures are judged by its own predicate.
         *
         * @param name     a label for traces and messages; not blank
         * @param provider the provider
         * @param skipOn   decides, for this provider's failures, whether the chain moves on
         * @return this builder
         */
        public Builder<I, O> provider(String name, LlmProvider<? super I, ? extends O> provider, SkipPredicate skipOn) {
            return add(name, provider, Objects.requireNonNull(skipOn, "skipOn"));
        }

        /**
         * Sets the predicate for providers added without one of their own. Default {@link RetryableOnly}.
         *
         * @param skipOn the predicate
         * @return this builder
         */
        public Builder<I, O> skipOn(SkipPredicate skipOn) {
            this.defaultPredicate = Objects.requireNonNull(skipOn, "skipOn");
            return this;
        }

        private Builder<I, O> add(String name, LlmProvider<? super I, ? extends O> provider, SkipPredicate skipOn) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(provider, "provider");
            if (name.isBlank()) {
                throw new IllegalArgumentException("FallbackChain provider #" + names.size()
                        + " has a blank name: give every provider a label for traces");
            }
            names.add(name);
            providers.add(provider);
            ownPredicates.add(skipOn);
            return this;
        }

        /**
         * Builds the chain.
         *
         * @return an immutable chain
         * @throws IllegalArgumentException if no provider was added
         */
        public FallbackChain<I, O> build() {
            if (providers.isEmpty()) {
                throw new IllegalArgumentException("FallbackChain needs at least one provider: call "
                        + "provider(name, provider) before build()");
            }
            List<SkipPredicate> predicates = new ArrayList<>(ownPredicates.size());
            for (SkipPredicate own : ownPredicates) {
                predicates.add(own != null ? own : defaultPredicate);
            }
            return new FallbackChain<>(new Links<>(names, providers, predicates));
        }
    }

    /** The programmatic chain as the engine sees it: the input travels as the engine's target. */
    private static final class Links<I, O> extends Chain {
        private final Object[] providers;

        Links(List<String> names, List<LlmProvider<? super I, ? extends O>> providers, List<SkipPredicate> predicates) {
            super(names, names, predicates);
            this.providers = providers.toArray();
        }

        @Override
        @SuppressWarnings("unchecked")
        protected Object invoke(int i, Object input, Object[] args, Throwable previous, TraceRecorder recorder)
                throws Exception {
            return ((LlmProvider<? super I, ? extends O>) providers[i]).call((I) input);
        }

        @SuppressWarnings("unchecked")
        static <T extends Throwable> T sneaky(Throwable t) throws T {
            throw (T) t;
        }
    }
}
