package dev.llmfallback;

import java.util.stream.Stream;

/**
 * One streaming provider of a programmatic {@link FallbackChain}: given the chain's input, opens a stream of
 * the provider's elements (tokens, chunks, an SDK's events) or throws.
 *
 * <p>The chain reads the stream up to its {@linkplain CommitPoint commit point} before it hands anything to
 * the caller, and closes it ({@link Stream#close()}) when it abandons it; so a stream that holds a connection
 * must release it on close, as the official SDKs' {@code StreamResponse.stream()} does. Called by the chain on
 * the caller's thread, or on a worker when the provider has a timeout; an implementation shared between
 * chains or threads must be thread-safe itself.
 *
 * <pre>{@code
 * .streamingProvider("anthropic", params -> anthropic.messages().createStreaming(params).stream())
 * }</pre>
 *
 * @param <I> the chain's input, for example a request
 * @param <T> the stream's elements
 */
@FunctionalInterface
public interface StreamingProvider<I, T> {

    /**
     * Opens the provider's stream.
     *
     * @param input the chain's input, passed unchanged to every provider
     * @return the stream, not {@code null}; an empty stream is a valid (empty) answer
     * @throws Exception any failure; the provider's predicate decides what it means
     */
    Stream<? extends T> open(I input) throws Exception;
}
