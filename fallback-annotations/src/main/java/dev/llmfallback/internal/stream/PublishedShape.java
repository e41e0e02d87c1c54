package dev.llmfallback.internal.stream;

import dev.llmfallback.CommitPoint;
import dev.llmfallback.internal.run.Chain;
import dev.llmfallback.internal.run.Link;
import dev.llmfallback.internal.stream.publish.PublishingRuns;

/**
 * The shape of a head declared to return a publisher: {@code java.util.concurrent.Flow.Publisher<T>}, Reactive
 * Streams' {@code Publisher<T>}, Reactor's {@code Flux<T>} or {@code Mono<T>} (the last three by name). The
 * chain runs as a programmatic publishing chain does ({@link PublishingRuns}): the head's call answers at once
 * with a cold publisher of the declared type, and each subscription runs the chain on the engine's async
 * runner, each attempt invoking its link's method and reading the publisher it returned
 * ({@link PublishingRuns#pull}) up to the commit point; demand is respected after the commit. One instance per
 * head's declared type; immutable and thread-safe.
 */
final class PublishedShape implements StreamShape {

    private final Class<?> type;

    PublishedShape(Class<?> type) {
        this.type = type;
    }

    @Override
    public String describe() {
        return type.getSimpleName() + "<T>";
    }

    @Override
    public Link.Invoker invoker(int index, String method, Link.Invoker body, CommitPoint commitAt) {
        return (target, args, previous, thread) -> ((Openings) target).open(index, method, method, input -> {
            Call call = (Call) input;
            return PublishingRuns.pull(body.invoke(call.receiver, call.args, previous, thread), method);
        }, commitAt);
    }

    /**
     * Answers at once with the chain's publisher, as the head's declared type: nothing runs before a
     * subscription, so {@link dev.llmfallback.FallbackTrace#current()} is not the call's trace;
     * {@link dev.llmfallback.FallbackTrace#of(Object)} on the answer gives its latest subscription's.
     */
    @Override
    public Object run(Chain chain, Object target, Object[] args) {
        return PublishingRuns.publish(chain, new Call(target, args), 0, type);
    }

    /** One call of the head: its receiver and arguments, for every subscription's attempts. */
    private static final class Call {
        final Object receiver;
        final Object[] args;

        Call(Object receiver, Object[] args) {
            this.receiver = receiver;
            this.args = args;
        }
    }
}
