package dev.llmfallback.tck;

import dev.llmfallback.FallbackTrace;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What an async front door does with the future an async chain answers with, so that the sync assertions of
 * {@link BehaviourContract} apply to it: waits for it and reports its outcome as a sync chain would, and keeps
 * it, per calling thread, for {@link #lastTrace()}.
 *
 * <p>On the way it checks two rules of SPEC §7 that hold for every async call, and fails with an
 * {@link AssertionError} that says which one was broken: the chain answers with a future instead of throwing,
 * and it leaves the calling thread's {@link FallbackTrace#current()} alone. Thread-safe.
 */
final class AsyncCaller {

    private final ThreadLocal<CompletionStage<?>> last = new ThreadLocal<>();

    /**
     * Starts an async chain, waits for its future (at most {@value BehaviourContract#AWAIT_S} s) and answers
     * as a sync chain does.
     *
     * @param start starts the chain: {@code runAsync}, or a call of an async annotated head
     * @return the chain's answer
     * @throws Exception the failure the future failed with, the very object: unwrapped from the
     *                   {@link ExecutionException} of {@link CompletableFuture#get} (which itself strips a
     *                   {@code CompletionException} the future was completed with, as every caller of
     *                   {@code get} sees it) and nothing more; a {@link CancellationException} as it is
     */
    <T> T await(Callable<? extends CompletionStage<T>> start) throws Exception {
        FallbackTrace before = FallbackTrace.current();
        CompletionStage<T> stage;
        try {
            stage = start.call();
        } catch (Throwable thrown) {
            throw new AssertionError("SPEC §7: an async chain answers with a future, failed or not; this one threw "
                    + thrown, thrown);
        }
        if (stage == null) {
            throw new AssertionError("SPEC §7: an async chain answers with a future; this one answered null");
        }
        last.set(stage);
        CompletableFuture<T> future = stage.toCompletableFuture();
        T answer = null;
        Throwable failure = null;
        try {
            answer = future.get(BehaviourContract.AWAIT_S, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            failure = failed.getCause() != null ? failed.getCause() : failed;
        } catch (CancellationException cancelled) {
            failure = cancelled;
        } catch (TimeoutException hung) {
            future.cancel(true);
            throw new AssertionError("the chain's future did not complete within " + BehaviourContract.AWAIT_S
                    + " s; trace so far: " + FallbackTrace.of(stage));
        } catch (InterruptedException interrupted) {
            // The waiting caller was interrupted: stop waiting, and stop the chain as a caller would.
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw interrupted;
        }
        FallbackTrace after = FallbackTrace.current();
        if (!after.attempts().equals(before.attempts())) {
            throw new AssertionError("SPEC §5/§7: an async chain leaves the calling thread's FallbackTrace.current()"
                    + " alone; it was " + before + ", now " + after, failure);
        }
        if (failure != null) {
            throw Script.<Exception>sneaky(failure);
        }
        return answer;
    }

    /** {@link FallbackTrace#of} the future of the last chain started on the calling thread, or empty. */
    FallbackTrace lastTrace() {
        CompletionStage<?> stage = last.get();
        return stage == null ? FallbackTrace.empty() : FallbackTrace.of(stage);
    }
}
