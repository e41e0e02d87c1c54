package dev.llmfallback.internal.stream.publish;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which chain publisher an answer of a non-{@link java.util.concurrent.Flow} shape (a Reactive Streams
 * {@code Publisher}, a Reactor {@code Flux} or {@code Mono}, made by those libraries' adapters, so it cannot
 * carry the trace itself) wraps, for {@link PublishingRuns#traceOf}. Keys are the answers by identity, held
 * weakly; values are held weakly too, since the answer itself holds its chain publisher: an entry keeps
 * nothing reachable, and cleared entries are dropped on later calls. A {@link ConcurrentHashMap}, so that no
 * publishing call waits on a process-wide lock (a synchronized {@code WeakHashMap} here cost most of a
 * streaming chain's own time per stream, see {@code fallback-benchmarks/results/streaming/registry-ab}).
 * Thread-safe.
 */
final class WrappedAnswers {

    private static final ReferenceQueue<Object> CLEARED = new ReferenceQueue<>();
    private static final ConcurrentHashMap<Key, WeakReference<ChainPublisher<?>>> WRAPPED = new ConcurrentHashMap<>();

    private WrappedAnswers() {
    }

    /** Records that {@code answer} wraps {@code publisher}. */
    static void put(Object answer, ChainPublisher<?> publisher) {
        dropCleared();
        WRAPPED.put(new Key(answer, CLEARED), new WeakReference<>(publisher));
    }

    /** The chain publisher {@code answer} wraps, or {@code null}. */
    static ChainPublisher<?> get(Object answer) {
        dropCleared();
        WeakReference<ChainPublisher<?>> publisher = WRAPPED.get(new Key(answer, null));
        return publisher != null ? publisher.get() : null;
    }

    private static void dropCleared() {
        for (Reference<?> cleared = CLEARED.poll(); cleared != null; cleared = CLEARED.poll()) {
            WRAPPED.remove(cleared);
        }
    }

    /** An answer by identity; equal to another key of the same answer while the answer is reachable. */
    private static final class Key extends WeakReference<Object> {
        private final int hash;

        Key(Object answer, ReferenceQueue<Object> queue) {
            super(answer, queue);
            this.hash = System.identityHashCode(answer);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (other == this) {
                return true;
            }
            if (!(other instanceof Key)) {
                return false;
            }
            Object answer = get();
            return answer != null && answer == ((Key) other).get();
        }
    }
}
