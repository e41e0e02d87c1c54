package dev.llmfallback.internal;

import dev.llmfallback.FallbackTrace;
import java.util.concurrent.CompletableFuture;

/**
 * The future an async chain answers with: a plain {@link CompletableFuture} that also knows the chain's
 * trace, and hands it on to every dependent stage made from it ({@code thenApply}, {@code whenComplete},
 * ...), so that {@link FallbackTrace#of(java.util.concurrent.CompletionStage)} works on those too.
 * Thread-safe like any CompletableFuture.
 *
 * @param <T> the answer type
 */
public final class TracedFuture<T> extends CompletableFuture<T> {

    private final AsyncRun run;

    TracedFuture(AsyncRun run) {
        this.run = run;
    }

    /**
     * The chain's trace: every attempt so far; all of them once this future is complete.
     *
     * @return an immutable snapshot
     */
    public FallbackTrace trace() {
        return run.trace();
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new TracedFuture<>(run);
    }
}
