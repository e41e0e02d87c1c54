package dev.llmfallback;

/**
 * One provider of a programmatic {@link FallbackChain}: given the chain's input, returns an answer or
 * throws.
 *
 * <p>Called by the chain on the caller's thread; an implementation shared between chains or threads
 * must be thread-safe itself.
 *
 * @param <I> the chain's input, for example a prompt
 * @param <O> the answer
 */
@FunctionalInterface
public interface LlmProvider<I, O> {

    /**
     * Calls the provider.
     *
     * @param input the chain's input, passed unchanged to every provider
     * @return the answer; {@code null} is a valid answer and ends the chain with success
     * @throws Exception any failure; the chain's predicates decide what it means
     */
    O call(I input) throws Exception;
}
