package dev.llmfallback;

import dev.llmfallback.internal.classify.FailureSummary;
import dev.llmfallback.internal.classify.RecordedSummaries;
import dev.llmfallback.internal.run.TraceStack;
import dev.llmfallback.internal.run.TracedFuture;
import dev.llmfallback.internal.stream.StreamingRuns;
import dev.llmfallback.internal.stream.publish.PublishingRuns;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/**
 * What happened in one chain run: every attempt in order, and how long the whole run took. An immutable
 * snapshot: once handed out it never changes, and it can be kept or passed to other threads freely.
 *
 * <p>{@link #current()} is per thread: the trace of the most recent chain run on the calling thread. While
 * a chain runs (asked from inside a provider) it is that chain's attempts so far; when a chain runs inside
 * a provider of another chain, the inner chain is the current one until it returns, and after the outer
 * call returns the outer chain's trace is current again. A thread keeps only its latest top-level trace:
 * it is replaced by the next chain run on that thread.
 */
public final class FallbackTrace {

    private static final FallbackTrace EMPTY = new FallbackTrace(List.of(), null, Duration.ZERO);

    static {
        RecordedSummaries.install(new RecordedSummaries.Access() {
            @Override
            public FallbackTrace trace(List<Attempt> attempts, String[] summaries, Duration elapsed) {
                List<Attempt> copy = List.copyOf(attempts);
                return new FallbackTrace(copy, summaries == null ? null : Arrays.copyOf(summaries, copy.size()),
                        Objects.requireNonNull(elapsed, "elapsed"));
            }

            @Override
            public AllProvidersFailedException allProvidersFailed(FallbackTrace trace) {
                return new AllProvidersFailedException(trace);
            }

            @Override
            public AllProvidersFailedException allProvidersUnhealthy(FallbackTrace trace, Duration retryAfter) {
                return new AllProvidersUnhealthyException(trace, retryAfter);
            }
        });
    }

    private final List<Attempt> attempts;
    // What the engine recorded of each attempt's failure when it judged it (null: nothing recorded), so that
    // describing the trace runs no failure's code again; null for a trace made by of(List, Duration).
    private final String[] summaries;
    private final Duration elapsed;

    private FallbackTrace(List<Attempt> attempts, String[] summaries, Duration elapsed) {
        this.attempts = attempts;
        this.summaries = summaries;
        this.elapsed = elapsed;
    }

    /**
     * Creates a trace from attempts already made; used by the engine and handy in tests of user code.
     *
     * @param attempts the attempts, in order (copied)
     * @param elapsed  the whole run's duration
     * @return the trace
     */
    public static FallbackTrace of(List<Attempt> attempts, Duration elapsed) {
        return new FallbackTrace(List.copyOf(attempts), null, Objects.requireNonNull(elapsed, "elapsed"));
    }

    /**
     * The trace with no attempt, as {@link #current()} returns on a thread that ran no chain.
     *
     * @return the empty trace
     */
    public static FallbackTrace empty() {
        return EMPTY;
    }

    /**
     * The trace of the most recent chain run on this thread: the active one while a chain runs, else the
     * last one that finished (whether it returned or threw).
     *
     * @return the trace, never {@code null}; {@link #empty()} before any chain ran on this thread
     */
    public static FallbackTrace current() {
        return TraceStack.currentTrace();
    }

    /**
     * The trace of the async chain that produced {@code stage} (SPEC §7), or of the chain behind the stage
     * it depends on ({@code thenApply} and the like carry it along): every attempt so far, all of them once
     * the chain's future is complete. Async chains never change {@link #current()}.
     *
     * @param stage a stage returned by {@link FallbackChain#runAsync} or an async annotated head, or one
     *              derived from it
     * @return the trace, or {@link #empty()} for a stage llm-fallback did not produce
     */
    public static FallbackTrace of(CompletionStage<?> stage) {
        return stage instanceof TracedFuture ? ((TracedFuture<?>) stage).trace() : EMPTY;
    }

    /**
     * The trace of the streaming chain that returned {@code stream} (SPEC §13): the attempts up to the commit,
     * the committed one {@link Attempt.Outcome#SUCCEEDED SUCCEEDED} with its time to the commit point. Only
     * the very stream {@link FallbackChain#stream} returned is known (or an annotated streaming head returned,
     * or, for a head returning an SDK's {@code StreamResponse}, its {@code stream()}), also after
     * {@code onClose}, {@code sequential}, {@code parallel} or {@code unordered}, which return that same stream;
     * not one derived from it ({@code map}, {@code filter}, ...). The stream carries its trace itself, so the
     * trace lives exactly as long as the stream. {@link #current()} on the thread that called {@code stream} (or
     * the head) holds the same trace.
     *
     * @param stream a stream returned by {@link FallbackChain#stream} or by a streaming head
     * @return the trace, or {@link #empty()} for any other stream
     */
    public static FallbackTrace of(Stream<?> stream) {
        return StreamingRuns.traceOf(stream);
    }

    /**
     * The trace of a streaming chain that answers with {@code publisher} (SPEC §13), as
     * {@link FallbackChain#publish} does: the trace of its latest subscription's run, once that run committed
     * (the attempts up to the commit, the committed one {@link Attempt.Outcome#SUCCEEDED SUCCEEDED} with its
     * time to the commit point) or failed (every attempt). Only the very publisher the chain answered with is
     * known, not one derived from it.
     *
     * @param publisher a publisher returned by {@link FallbackChain#publish}
     * @return the trace, or {@link #empty()} for any other publisher or before a subscription's run ended
     */
    public static FallbackTrace of(Flow.Publisher<?> publisher) {
        return PublishingRuns.traceOf(publisher);
    }

    /**
     * The trace of whatever a chain answered with, by its type at run time: a {@link CompletionStage} as
     * {@link #of(CompletionStage)}, a {@link Stream} as {@link #of(Stream)}, a publisher as
     * {@link #of(Flow.Publisher)} — including the Reactive Streams {@code Publisher} or Reactor {@code Flux}
     * or {@code Mono} a streaming head declared.
     *
     * @param answer what a chain answered with
     * @return the trace, or {@link #empty()} for anything no chain answered with
     */
    public static FallbackTrace of(Object answer) {
        if (answer instanceof CompletionStage) {
            return of((CompletionStage<?>) answer);
        }
        if (answer instanceof Stream) {
            return of((Stream<?>) answer);
        }
        return PublishingRuns.traceOf(answer);
    }

    /**
     * Every attempt made, in order, the successful one included.
     *
     * @return an unmodifiable list
     */
    public List<Attempt> attempts() {
        return attempts;
    }

    /**
     * The last attempt made: after a success, the winning one.
     *
     * @return the last attempt, or empty for an empty trace
     */
    public Optional<Attempt> lastAttempt() {
        return attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.get(attempts.size() - 1));
    }

    /**
     * The attempt that answered.
     *
     * @return the {@link Attempt.Outcome#SUCCEEDED SUCCEEDED} attempt, or empty if none answered (yet)
     */
    public Optional<Attempt> winner() {
        return lastAttempt().filter(Attempt::succeeded);
    }

    /**
     * Tells whether the chain answered.
     *
     * @return {@code true} if an attempt succeeded
     */
    public boolean succeeded() {
        return winner().isPresent();
    }

    /**
     * Why an attempt ended as it did, in a few words that never hold an argument or a failure's message: for
     * a failed or stopped attempt its failure, e.g. {@code 529 overloaded} or {@code ConnectException}; for a
     * {@link Attempt.Outcome#SKIPPED_UNHEALTHY skipped} link the provider's state when it was skipped, e.g.
     * {@code 529 overloaded, 3 s left}. What {@link #toString()} shows after the outcome.
     *
     * @param index the attempt's index in {@link #attempts()}
     * @return the summary, or empty for an attempt that answered, was not tried or timed out
     * @throws IndexOutOfBoundsException if there is no such attempt
     */
    public Optional<String> summary(int index) {
        Attempt a = attempts.get(index);
        if (a.outcome() == Attempt.Outcome.SKIPPED_UNHEALTHY) {
            return Optional.ofNullable(FailureSummary.recordedAt(summaries, index));
        }
        if (a.failure() == null || a.outcome() == Attempt.Outcome.TIMED_OUT) {
            return Optional.empty();
        }
        return Optional.of(FailureSummary.of(a.failure(), FailureSummary.recordedAt(summaries, index)));
    }

    /**
     * How long the run took, from the first attempt's start to the end of the last (so far, for a trace
     * taken while the chain runs).
     *
     * @return the elapsed time
     */
    public Duration elapsed() {
        return elapsed;
    }

    /**
     * A log line, e.g. {@code FallbackTrace[anthropic FAILED 529 overloaded 12 ms -> openai SUCCEEDED 210 ms; 223 ms]}.
     * Never contains an argument or a failure's message.
     *
     * @return a one-line description
     */
    @Override
    public String toString() {
        if (attempts.isEmpty()) {
            return "FallbackTrace[no attempts]";
        }
        StringBuilder out = new StringBuilder(32 + 48 * attempts.size()).append("FallbackTrace[");
        for (int i = 0; i < attempts.size(); i++) {
            Attempt a = attempts.get(i);
            if (i > 0) {
                out.append(" -> ");
            }
            out.append(a.provider()).append(' ').append(a.outcome());
            Optional<String> why = summary(i);
            if (a.outcome() == Attempt.Outcome.SKIPPED_UNHEALTHY) {
                why.ifPresent(w -> out.append(" (").append(w).append(')'));
                continue;
            }
            why.ifPresent(w -> out.append(' ').append(w));
            if (a.outcome() != Attempt.Outcome.NOT_TRIED) {
                out.append(' ').append(FailureSummary.millis(a.duration()));
            }
        }
        return out.append("; ").append(FailureSummary.millis(elapsed)).append(']').toString();
    }

    /** The message of {@link AllProvidersFailedException} for this trace's attempts. */
    String allFailedMessage() {
        return FailureSummary.allFailedMessage(attempts, summaries);
    }
}
