package dev.llmfallback.internal.stream;

import dev.llmfallback.CommitPoint;
import dev.llmfallback.internal.run.Chain;
import dev.llmfallback.internal.run.Link;

/**
 * How an annotated streaming chain (SPEC §13) works with one kind of declared return type: how each link's
 * method is turned into the engine's attempt, and how one call of the head is run and answered as the declared
 * type. Found for a head by {@link StreamShapes#forHead}; one instance per kind, shared by every chain of it.
 *
 * <p>Two families are built in. The pulled shapes read a link's answer as a {@link java.util.stream.Stream}
 * pulled up to its commit point through the sync engine ({@link StreamingRuns}) during the head's call:
 * {@code Stream<T>} itself, and {@code AutoCloseable} types with a public {@code stream()} (the SDKs'
 * {@code StreamResponse<T>}). The published shape ({@link PublishedShape}: {@code Flow.Publisher<T>}, Reactive
 * Streams' {@code Publisher<T>}, Reactor's {@code Flux<T>} and {@code Mono<T>}) answers at once with a cold
 * publisher whose every subscription runs the chain on the engine's async runner. Another kind implements this
 * interface and is added to {@link StreamShapes}. Implementations are immutable and thread-safe. Not API.
 */
public interface StreamShape {

    /**
     * The declared type this shape answers with, for messages.
     *
     * @return e.g. {@code Stream<T>}
     */
    String describe();

    /**
     * The engine's invoker of one streaming link of this shape.
     *
     * @param index    the link's index in its chain
     * @param method   the link's method label ({@code Class.method}), for messages
     * @param body     runs exactly the link method's own body with the head's receiver and arguments
     * @param commitAt the link's commit point
     * @return the invoker; the engine's target is what {@link #run} hands it
     */
    Link.Invoker invoker(int index, String method, Link.Invoker body, CommitPoint commitAt);

    /**
     * Runs one call of the head: up to a commit, then answers with the committed stream as the head's declared
     * type, and {@link dev.llmfallback.FallbackTrace#current()} holds the trace afterwards; or, for a publisher,
     * answers at once with a publisher that runs the chain for each subscription.
     *
     * @param chain  a chain whose links were made by {@link #invoker}
     * @param target the receiver, or {@code null} for a static head
     * @param args   the call's arguments
     * @return the answer, an instance of the head's declared return type
     * @throws Throwable what stopped the chain, unchanged, or
     *                   {@link dev.llmfallback.AllProvidersFailedException}
     */
    Object run(Chain chain, Object target, Object[] args) throws Throwable;
}
