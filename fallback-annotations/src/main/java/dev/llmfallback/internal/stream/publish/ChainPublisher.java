package dev.llmfallback.internal.stream.publish;

import dev.llmfallback.FallbackTrace;
import dev.llmfallback.internal.run.Chain;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * The publisher a streaming chain answers with: cold, like the publishers LLM clients return — each
 * subscription runs the chain anew ({@link ChainSubscription}), and nothing runs before one. Holds the trace
 * of its latest subscription's run once that run committed or failed. Immutable but for that trace;
 * thread-safe.
 *
 * @param <T> the element type
 */
final class ChainPublisher<T> implements Flow.Publisher<T> {

    final Chain chain;
    final Object input;
    final long idleNanos;
    private volatile FallbackTrace trace = FallbackTrace.empty();

    ChainPublisher(Chain chain, Object input, long idleNanos) {
        this.chain = chain;
        this.input = input;
        this.idleNanos = idleNanos;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        // Reactive Streams §1.9: a null subscriber is the caller's bug, thrown at once.
        Objects.requireNonNull(subscriber, "subscriber");
        new ChainSubscription<T>(this, subscriber).start();
    }

    void traced(FallbackTrace latest) {
        trace = latest;
    }

    FallbackTrace trace() {
        return trace;
    }

    @Override
    public String toString() {
        return "streaming " + chain.providers();
    }
}
