package dev.llmfallback.internal.stream.publish;

import dev.llmfallback.FallbackTrace;
import dev.llmfallback.internal.run.Chain;
import dev.llmfallback.internal.stream.StreamingRuns;
import java.util.concurrent.Flow;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The entry for front doors whose streaming links answer with publishers (SPEC §13): {@link Flow.Publisher},
 * Reactive Streams {@code org.reactivestreams.Publisher}, Reactor {@code Flux} and {@code Mono}, the last three
 * recognised by name. A front door makes its links with {@link StreamingRuns#invoker}, each opening its
 * provider's stream as {@link #pull} of what the provider answered, and answers with {@link #publish} in the
 * shape its caller declared. Stateless and thread-safe.
 */
public final class PublishingRuns {

    private PublishingRuns() {
    }

    /**
     * Whether {@link #publish} can answer as {@code shape}: {@link Flow.Publisher}, Reactive Streams'
     * {@code Publisher}, Reactor's {@code Flux} or {@code Mono}.
     *
     * @param shape a declared return type
     * @return {@code true} for a publisher shape
     */
    public static boolean supports(Class<?> shape) {
        String name = shape.getName();
        return shape == Flow.Publisher.class || name.equals(ReactiveStreams.PUBLISHER)
                || name.equals(ReactiveStreams.FLUX) || name.equals(ReactiveStreams.MONO);
    }

    /**
     * Whether {@code answer} is a publisher {@link #pull} can read.
     *
     * @param answer a provider's answer
     * @return {@code true} for a {@link Flow.Publisher} or an {@code org.reactivestreams.Publisher}
     */
    public static boolean isPublisher(Object answer) {
        return answer instanceof Flow.Publisher || answer != null && ReactiveStreams.publisherOf(answer.getClass()) != null;
    }

    /**
     * A provider's publisher as the stream a streaming run reads up to the commit point: subscribed now,
     * pulled one element per request, its subscription cancelled when the stream is closed. After the commit,
     * {@link #publish}'s subscription takes its publisher over without a thread in between.
     *
     * @param answer   what the provider answered: a {@link Flow.Publisher} or an
     *                 {@code org.reactivestreams.Publisher} (a Reactor {@code Flux} or {@code Mono})
     * @param provider the provider's name, for messages
     * @return the stream
     * @throws NullPointerException     if {@code answer} is {@code null}
     * @throws IllegalArgumentException if {@code answer} is not a publisher
     */
    public static Stream<Object> pull(Object answer, String provider) {
        if (answer == null) {
            throw new NullPointerException("publishing provider " + provider + " returned null instead of a publisher");
        }
        @SuppressWarnings("unchecked")
        Flow.Publisher<Object> publisher = (Flow.Publisher<Object>) (answer instanceof Flow.Publisher
                ? (Flow.Publisher<?>) answer : asFlow(answer, provider));
        Pull pull = new Pull(provider);
        Stream<Object> stream = StreamSupport.stream(pull, false).onClose(pull::close);
        try {
            publisher.subscribe(pull);
        } catch (RuntimeException | Error failed) {
            pull.close();
            throw failed;
        }
        return stream;
    }

    private static Flow.Publisher<?> asFlow(Object answer, String provider) {
        if (ReactiveStreams.publisherOf(answer.getClass()) == null) {
            throw new IllegalArgumentException("publishing provider " + provider + " returned a "
                    + answer.getClass().getName() + ", not a publisher: return a java.util.concurrent.Flow.Publisher, "
                    + "an org.reactivestreams.Publisher, or a Reactor Flux or Mono");
        }
        return ReactiveStreams.toFlow(answer, provider);
    }

    /**
     * A publisher of the chain's answer, in the shape the caller declared. Cold: each subscription runs the
     * chain, up to the commit point on the engine's async runner, then relays the committed publisher,
     * respecting demand; nothing runs before a subscription.
     *
     * @param chain     a chain whose links were made by {@link StreamingRuns#invoker}, opening streams made by
     *                  {@link #pull}
     * @param input     what the links' invokers receive
     * @param idleNanos after the commit, the longest the committed publisher may owe an element, or 0 for no
     *                  bound
     * @param shape     the answer's type; see {@link #supports}
     * @param <P>       the answer's type
     * @return the answer
     * @throws IllegalArgumentException if the shape is not {@linkplain #supports supported}
     * @throws IllegalStateException    if a Reactive Streams or Reactor shape lacks its adapters at run time
     */
    public static <P> P publish(Chain chain, Object input, long idleNanos, Class<P> shape) {
        ChainPublisher<Object> publisher = new ChainPublisher<>(chain, input, idleNanos);
        String name = shape.getName();
        Object answer;
        if (shape == Flow.Publisher.class) {
            return shape.cast(publisher);
        } else if (name.equals(ReactiveStreams.PUBLISHER)) {
            answer = ReactiveStreams.toReactiveStreams(publisher, shape);
        } else if (name.equals(ReactiveStreams.FLUX) || name.equals(ReactiveStreams.MONO)) {
            answer = ReactiveStreams.toReactor(publisher, shape);
        } else {
            throw new IllegalArgumentException("a streaming chain cannot answer as " + name + ": declare "
                    + "java.util.concurrent.Flow.Publisher, org.reactivestreams.Publisher, or Reactor's Flux or Mono");
        }
        WrappedAnswers.put(answer, publisher);
        return shape.cast(answer);
    }

    /**
     * The trace of the latest subscription to a publisher {@link #publish} returned, once its run committed or
     * failed.
     *
     * @param published a publisher
     * @return the trace, or {@link FallbackTrace#empty()} for any other object or before a run ended
     */
    public static FallbackTrace traceOf(Object published) {
        ChainPublisher<?> publisher = published instanceof ChainPublisher ? (ChainPublisher<?>) published
                : WrappedAnswers.get(published);
        return publisher != null ? publisher.trace() : FallbackTrace.empty();
    }
}
