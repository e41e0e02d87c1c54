package dev.llmfallback.internal.stream;

import dev.llmfallback.FallbackTrace;
import dev.llmfallback.internal.run.Link;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;

/**
 * How a streaming run started by {@link StreamingRuns#commitAsync} ended, for result shapes other than a
 * {@link java.util.stream.Stream} (publishers): either the committed provider's stream — its name, its
 * preamble, whether it already ended, and its source to go on with — or the failure that ended the run before
 * any commit. Either way with the run's trace. Handed from the engine's thread to one consumer, which owns
 * it from then on: not thread-safe, but {@link #close()} may come from any thread.
 */
public final class Commit {

    private final Opened opened;
    private final Link link;
    private final Throwable failure;
    private final FallbackTrace trace;

    private Commit(Opened opened, Link link, Throwable failure, FallbackTrace trace) {
        this.opened = opened;
        this.link = link;
        this.failure = failure;
        this.trace = Objects.requireNonNull(trace, "trace");
    }

    static Commit committed(Opened opened, Link link, FallbackTrace trace) {
        return new Commit(Objects.requireNonNull(opened, "opened"), Objects.requireNonNull(link, "link"), null, trace);
    }

    static Commit failed(Throwable failure, FallbackTrace trace) {
        return new Commit(null, null, Objects.requireNonNull(failure, "failure"), trace);
    }

    /**
     * The failure that ended the run before a commit, unchanged, as {@code FallbackChain.stream} would throw it.
     *
     * @return the failure, or {@code null} when the run committed
     */
    public Throwable failure() {
        return failure;
    }

    /**
     * The run's trace: the attempts up to the commit, or all of them when the run failed.
     *
     * @return an immutable snapshot
     */
    public FallbackTrace trace() {
        return trace;
    }

    /**
     * The committed provider's name.
     *
     * @return the name
     * @throws IllegalStateException if the run failed
     */
    public String provider() {
        committedOnly();
        return link.provider();
    }

    /**
     * The elements read up to and including the commit point, in order; the consumer may clear it.
     *
     * @return the preamble, never {@code null}
     * @throws IllegalStateException if the run failed
     */
    public List<Object> preamble() {
        committedOnly();
        return opened.preamble();
    }

    /**
     * Whether the provider's stream ended before any element committed: the preamble is the whole answer.
     *
     * @return {@code true} if nothing follows the preamble
     * @throws IllegalStateException if the run failed
     */
    public boolean ended() {
        committedOnly();
        return opened.ended();
    }

    /**
     * Where the elements after the commit point come from: the spliterator of the stream the provider's
     * invoker opened, read no further than the commit point.
     *
     * @return the source
     * @throws IllegalStateException if the run failed
     */
    public Spliterator<?> source() {
        committedOnly();
        return opened.source();
    }

    /**
     * The failure an element after the commit stands for (an SDK's error event, for a link with the default
     * commit point), which must end the stream rather than pass as an element.
     *
     * @param element an element read after the commit
     * @return the failure, or {@code null} for an ordinary element
     */
    public Throwable failureIn(Object element) {
        committedOnly();
        return opened.failureIn(element);
    }

    /**
     * Reports a failure of the committed provider after the commit (what ends the caller's stream) to its
     * provider health, judged as one before the commit would be; nothing for a link without health.
     *
     * @param afterCommit the provider's failure, or a timeout for an idle timeout
     */
    public void failedAfterCommit(Throwable afterCommit) {
        committedOnly();
        AfterCommit.failed(link, afterCommit);
    }

    /** Closes the committed provider's stream, once, dropping what its close throws; nothing after a failure. */
    public void close() {
        if (opened != null) {
            opened.closeQuietly();
        }
    }

    private void committedOnly() {
        if (opened == null) {
            throw new IllegalStateException("the streaming run failed before any commit");
        }
    }
}
