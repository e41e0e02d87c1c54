package dev.llmfallback.internal.stream;

import dev.llmfallback.FallbackTrace;
import dev.llmfallback.StreamInterruptedException;
import java.util.List;
import java.util.Spliterator;
import java.util.function.Consumer;

/**
 * The stream a committed run hands its caller: the winner's preamble, verbatim, then the rest of its stream.
 * A failure of the provider from here on is a {@link StreamInterruptedException}, never another provider's
 * answer; an {@link Error} passes unchanged. The provider's stream is closed as soon as it ends or fails (and
 * when the caller closes the returned stream). A failure of the caller's own action passes unchanged: the
 * provider is read outside the action. Not thread-safe, like any spliterator.
 *
 * @param <T> the element type
 */
final class Committed<T> implements Spliterator<T> {

    private final Opened opened;
    private final String provider;
    private final FallbackTrace trace;
    private final Opened.Held held = new Opened.Held();
    private List<Object> preamble;
    private int next;
    private long emitted;
    private boolean ended;

    Committed(Opened opened, String provider, FallbackTrace trace) {
        this.opened = opened;
        this.provider = provider;
        this.trace = trace;
        this.preamble = opened.preamble();
        this.ended = opened.ended();
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean tryAdvance(Consumer<? super T> action) {
        if (preamble != null) {
            if (next < preamble.size()) {
                Object element = preamble.get(next);
                preamble.set(next++, null);
                emitted++;
                action.accept((T) element);
                return true;
            }
            preamble = null;
        }
        if (ended) {
            return false;
        }
        boolean advanced;
        try {
            advanced = opened.source().tryAdvance(held);
        } catch (Error error) {
            ended = true;
            opened.closeQuietly();
            throw error;
        } catch (Throwable failure) {
            ended = true;
            StreamInterruptedException interrupted = new StreamInterruptedException(provider, emitted, trace, failure);
            try {
                opened.close();
            } catch (RuntimeException closeFailure) {
                interrupted.addSuppressed(closeFailure);
            }
            throw interrupted;
        }
        if (!advanced) {
            ended = true;
            opened.closeQuietly();
            return false;
        }
        Object element = held.value;
        held.value = null;
        emitted++;
        action.accept((T) element);
        return true;
    }

    @Override
    public Spliterator<T> trySplit() {
        return null;
    }

    @Override
    public long estimateSize() {
        return Long.MAX_VALUE;
    }

    @Override
    public int characteristics() {
        return ORDERED;
    }
}
