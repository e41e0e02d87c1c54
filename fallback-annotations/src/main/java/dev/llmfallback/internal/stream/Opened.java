package dev.llmfallback.internal.stream;

import dev.llmfallback.CommitPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Spliterator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One provider's opened stream, read up to its commit point: the stream itself (to close), its source (to go
 * on reading after the commit) and the preamble read so far. Read by one thread at a time, handed from the
 * engine's thread to the caller's through the engine's return; {@link #close()} may come from any thread.
 */
final class Opened {

    final int link;
    private final Stream<?> stream;
    private final Spliterator<?> source;
    private final List<Object> preamble = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private boolean ended;
    /** The link's commit point, once {@link #readToCommit} ran. */
    private CommitPoint commitAt;

    Opened(int link, Stream<?> stream) {
        this.link = link;
        this.stream = stream;
        this.source = stream.spliterator();
    }

    /**
     * Reads elements into the preamble until one commits or the stream ends; a failure on the way is the
     * attempt's, thrown unchanged.
     */
    void readToCommit(CommitPoint commitAt) {
        this.commitAt = commitAt;
        Held held = new Held();
        while (source.tryAdvance(held)) {
            preamble.add(held.value);
            boolean commits = commitAt.commits(held.value);
            held.value = null;
            if (commits) {
                return;
            }
        }
        ended = true;
    }

    /**
     * A failure that an element after the commit stands for: an SDK's error event, for a link whose commit point
     * knows the SDKs' events ({@link CommitPoints#MODEL_OUTPUT}); such an element is not model output but the
     * provider saying it failed, which must surface as a failure, not pass as an element.
     *
     * @return the failure, or {@code null} for an ordinary element
     */
    Throwable failureIn(Object element) {
        return commitAt == CommitPoints.MODEL_OUTPUT && element != null ? SdkEvents.failureIn(element) : null;
    }

    List<Object> preamble() {
        return preamble;
    }

    Spliterator<?> source() {
        return source;
    }

    /** Whether the stream ended before any element committed: the preamble is the whole answer. */
    boolean ended() {
        return ended;
    }

    /**
     * Closes the stream, once: an abandoned stream's connection is released now, not when it is collected.
     *
     * @throws RuntimeException what the stream's close handlers threw
     */
    void close() {
        if (closed.compareAndSet(false, true)) {
            stream.close();
        }
    }

    /**
     * Closes a stream the chain walks away from. What its close throws is dropped: the stream is being
     * thrown away, and its failure must not replace the outcome the rules decided.
     */
    void closeQuietly() {
        try {
            close();
        } catch (RuntimeException | LinkageError ignored) {
            // Nothing the caller could act on; the attempt's own outcome is what counts.
        }
    }

    /** Takes one element out of a {@code tryAdvance}, so that the caller's code runs outside the provider's. */
    static final class Held implements Consumer<Object> {
        Object value;

        @Override
        public void accept(Object element) {
            value = element;
        }
    }
}
