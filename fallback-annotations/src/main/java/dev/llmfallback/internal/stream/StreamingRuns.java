package dev.llmfallback.internal.stream;

import dev.llmfallback.CommitPoint;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.StreamingProvider;
import dev.llmfallback.internal.run.Chain;
import dev.llmfallback.internal.run.Engine;
import dev.llmfallback.internal.run.Link;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
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
 * <p>Stateless and thread-safe; a returned stream carries its own trace ({@link TracedStream}), which
 * {@link FallbackTrace#of(Stream)} reads, so that a trace lives no longer than its stream and no streaming
 * call shares a lock or a registry with another.
 */
public final class StreamingRuns {

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
        return stream(chain, new Openings(input), 0);
    }

    /**
     * Runs the chain up to a commit and returns the committed stream, whose pulls after the commit are bounded
     * by an idle timeout.
     *
     * @param chain     a chain whose links were made by {@link #invoker}
     * @param input     the chain's input
     * @param idleNanos the longest a pull after the commit may wait for the provider, or 0 for no bound
     * @param <T>       the element type
     * @return the winner's stream, its preamble first
     * @throws Throwable as {@link #stream(Chain, Object)}
     */
    public static <T> Stream<T> stream(Chain chain, Object input, long idleNanos) throws Throwable {
        return stream(chain, new Openings(input), idleNanos);
    }

    /** {@link #stream(Chain, Object)} for a run whose openings are made already (annotated heads). */
    static <T> Stream<T> stream(Chain chain, Openings openings) throws Throwable {
        return stream(chain, openings, 0);
    }

    private static <T> Stream<T> stream(Chain chain, Openings openings, long idleNanos) throws Throwable {
        Opened winner = null;
        try {
            winner = (Opened) Engine.run(chain, openings, null);
        } finally {
            openings.seal(winner);
        }
        FallbackTrace trace = FallbackTrace.current();
        Opened committed = winner;
        Stream<T> stream = StreamSupport.stream(new Committed<T>(committed, chain.link(committed.link), trace,
                chain.scheduler(), idleNanos),
                false).onClose(committed::close);
        return new TracedStream<>(stream, trace);
    }

    /**
     * Starts a run up to a commit without blocking the caller, for result shapes that are not a
     * {@link Stream} (publishers): the engine's async runner tries the links on its workers, each one opening
     * its provider's stream and reading it to the commit point, with the same rules as {@link #stream} (budgets,
     * judging, health, recording). Every stream but the winner's is closed when the run ends. Cancelling the
     * returned future before it completes stops the run (the attempt in flight is cancelled and its stream
     * closed); a winner that arrives after that is closed too.
     *
     * @param chain a chain whose links were made by {@link #invoker}
     * @param input the chain's input
     * @return a future that completes normally, with the winner or with the run's failure, never exceptionally
     *         (unless cancelled)
     */
    public static CompletableFuture<Commit> commitAsync(Chain chain, Object input) {
        Openings openings = new Openings(input);
        CompletableFuture<Object> run = Engine.runAsync(chain, openings, null);
        CompletableFuture<Commit> result = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                run.cancel(true);
                return super.cancel(mayInterruptIfRunning);
            }
        };
        run.handle((winner, failure) -> {
            Opened opened = failure == null ? (Opened) winner : null;
            openings.seal(opened);
            FallbackTrace trace = FallbackTrace.of(run);
            Commit commit = opened != null
                    ? Commit.committed(opened, chain.link(opened.link), trace)
                    : Commit.failed(unwrap(failure), trace);
            if (!result.complete(commit)) {
                commit.close();
            }
            return null;
        });
        return result;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * The trace of the run that returned {@code stream}.
     *
     * @param stream a stream
     * @return the trace, or {@link FallbackTrace#empty()} for a stream no streaming run returned
     */
    public static FallbackTrace traceOf(Stream<?> stream) {
        return stream instanceof TracedStream ? ((TracedStream<?>) stream).trace : FallbackTrace.empty();
    }
}
