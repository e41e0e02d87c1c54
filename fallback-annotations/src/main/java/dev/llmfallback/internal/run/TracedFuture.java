package dev.llmfallback.internal.run;

import dev.llmfallback.FallbackTrace;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * The future an async chain answers with: a plain {@link CompletableFuture} that also knows the chain's
 * trace, and hands it on to every dependent stage made from it ({@code thenApply}, {@code whenComplete},
 * ...), so that {@link FallbackTrace#of(java.util.concurrent.CompletionStage)} works on those too.
 *
 * <p>When the caller ends the chain's own future early — {@code cancel}, {@code complete},
 * {@code completeExceptionally}, and so {@code orTimeout} and {@code completeOnTimeout} — the attempt in
 * flight is cancelled and recorded STOPPED first, so that callbacks see the whole trace, and no other
 * attempt starts. Dependent stages end only themselves. Thread-safe like any CompletableFuture.
 *
 * @param <T> the answer type
 */
public final class TracedFuture<T> extends CompletableFuture<T> {

    private final AsyncRun run;
    private final boolean chainsOwn;

    TracedFuture(AsyncRun run, boolean chainsOwn) {
        this.run = run;
        this.chainsOwn = chainsOwn;
    }

    /**
     * The chain's trace: every attempt so far; all of them once the chain's future is complete.
     *
     * @return an immutable snapshot
     */
    public FallbackTrace trace() {
        return run.trace();
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new TracedFuture<>(run, false);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (chainsOwn && !isDone()) {
            run.stop(new CancellationException("the chain's future was cancelled"));
        }
        return super.cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean complete(T value) {
        if (chainsOwn && !isDone()) {
            run.stop(new CancellationException("the chain's future was completed by its caller"));
        }
        return super.complete(value);
    }

    @Override
    public boolean completeExceptionally(Throwable failure) {
        if (chainsOwn && !isDone()) {
            run.stop(failure);
        }
        return super.completeExceptionally(failure);
    }

    /** The chain's own answer: bypasses the early-end handling above. */
    boolean answer(T value) {
        return super.complete(value);
    }

    /** The chain's own failure: bypasses the early-end handling above. */
    boolean fail(Throwable failure) {
        return super.completeExceptionally(failure);
    }
}
