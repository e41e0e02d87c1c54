package dev.llmfallback;

import java.util.concurrent.Flow;

/**
 * One publishing provider of a programmatic {@link FallbackChain}: given the chain's input, answers with a
 * publisher of the provider's elements (tokens, chunks, an SDK's events), or throws. Run with
 * {@link FallbackChain#publish}.
 *
 * <p>The answer may be a {@link Flow.Publisher}, a Reactive Streams {@code org.reactivestreams.Publisher}, or a
 * Reactor {@code Flux} or {@code Mono} (recognised by interface name: this library depends on none of them; a
 * Reactive Streams publisher needs reactive-streams 1.0.3 or later, whose {@code FlowAdapters} read it). Its
 * elements must be the chain's element type. The chain subscribes to it once, reads it one element at a time
 * up to its {@linkplain CommitPoint commit point}, and cancels the subscription when it abandons it; so a
 * publisher that holds a connection must release it on cancel, as reactive HTTP clients do. Called on one of
 * the chain's worker threads; an implementation shared between chains or threads must be thread-safe itself.
 *
 * <pre>{@code
 * .publishingProvider("openai", prompt -> chatClient.prompt(prompt).stream().content())   // a Flux<String>
 * }</pre>
 *
 * @param <I> the chain's input, for example a request
 */
@FunctionalInterface
public interface PublishingProvider<I> {

    /**
     * Answers with the provider's publisher, not yet subscribed to.
     *
     * @param input the chain's input, passed unchanged to every provider
     * @return the publisher, not {@code null}; one that completes without an element is a valid (empty) answer
     * @throws Exception any failure; the provider's predicate decides what it means
     */
    Object open(I input) throws Exception;
}
