package dev.llmfallback.internal.stream;

import dev.llmfallback.CommitPoint;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.StreamingProvider;
import dev.llmfallback.internal.run.Chain;
import dev.llmfallback.internal.run.Engine;
import dev.llmfallback.internal.run.Link;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Runs a streaming chain (SPEC §13). Up to the commit point it is an ordinary sync run of the engine: each
 * link's attempt opens its provider's stream and reads it to the commit point ({@link Openings}), so a
 * failure thrown at the call or on a pull, or a link's timeout running out first, is budgeted, judged by the
 * link's {@code skipOn}, recorded and reported to health by the rule core exactly as a sync failure is; and
 * {@link FallbackTrace#current()} holds the trace afterwards. The engine's answer is the winner's opened
 * stream; every other stream is closed. After the commit the caller reads the winner through
 * {@link Committed}.
 *
 * <p>Stateless and thread-safe; {@link FallbackTrace#of(Stream)} finds a returned stream's trace through a
 * map keyed weakly by the stream's identity, so that a trace lives no longer than its stream.
 */
public final class StreamingRuns {

    private static final Map<Object, FallbackTrace> TRACES = Collections.synchronizedMap(new WeakHashMap<>());

    private StreamingRuns() {
    }

    /**
     * The invoker of a streaming link: the engine's target is the run's {@link Openings}.
     *
     * @param index    the link's index in its chain
     * @param name     the provider's name, for messages
     * @param provider opens the provider's stream
     * @param commitAt the link's commit point
     * @return the invoker
     */
    public static Link.Invoker invoker(int index, String name, StreamingProvider<?, ?> provider, CommitPoint commitAt) {
        return (target, args, previous, thread) -> ((Openings) target).open(index, name, provider, commitAt);
    }

    /**
     * Runs the chain up to a commit and returns the committed stream.
     *
     * @param chain a chain whose links were made by {@link #invoker}
     * @param input the chain's input
     * @param <T>   the element type
     * @return the winner's stream, its preamble first
     * @throws Throwable as {@link Engine#run}: what stopped the chain, or
     *                   {@link dev.llmfallback.AllProvidersFailedException}
     */
    public static <T> Stream<T> stream(Chain chain, Object input) throws Throwable {
        return stream(chain, new Openings(input));
    }

    /** {@link #stream(Chain, Object)} for a run whose openings are made already (annotated heads). */
    static <T> Stream<T> stream(Chain chain, Openings openings) throws Throwable {
        Opened winner = null;
        try {
            winner = (Opened) Engine.run(chain, openings, null);
        } finally {
            openings.seal(winner);
        }
        FallbackTrace trace = FallbackTrace.current();
        Opened committed = winner;
        Stream<T> stream = StreamSupport.stream(new Committed<T>(committed, chain.link(committed.link).provider(), trace),
                false).onClose(committed::close);
        TRACES.put(stream, trace);
        return stream;
    }

    /**
     * The trace of the run that returned {@code stream}.
     *
     * @param stream a stream
     * @return the trace, or {@link FallbackTrace#empty()} for a stream no streaming run returned
     */
    public static FallbackTrace traceOf(Stream<?> stream) {
        FallbackTrace trace = TRACES.get(stream);
        return trace != null ? trace : FallbackTrace.empty();
    }
}
