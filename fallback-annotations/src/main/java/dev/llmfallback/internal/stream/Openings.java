package dev.llmfallback.internal.stream;

import dev.llmfallback.CommitPoint;
import dev.llmfallback.StreamingProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

/**
 * Every stream one streaming run opened, so that each one the run walks away from is closed: when the next
 * link starts (the engine moved on from it, whether it failed or timed out), and, for the rest, when the run
 * ends. A stream opened by an attempt the engine has already abandoned (a timed-out worker that went on) is
 * closed as soon as it is opened. Travels as the engine's target, carrying the input. Thread-safe: links may
 * run on the engine's workers.
 */
final class Openings {

    private final Object input;
    /** Guarded by this. */
    private final List<Opened> open = new ArrayList<>(2);
    /** The latest link started; an opening of an earlier one is abandoned. Guarded by this. */
    private int latest = -1;
    /** Whether the run has ended; every later opening is abandoned. Guarded by this. */
    private boolean sealed;

    Openings(Object input) {
        this.input = input;
    }

    /**
     * Link {@code link}'s attempt: opens its provider's stream and reads it to the commit point.
     *
     * @return the opened stream, committed or ended
     * @throws Throwable what the provider threw, opening or reading, unchanged
     */
    @SuppressWarnings("unchecked")
    Opened open(int link, String name, StreamingProvider<?, ?> provider, CommitPoint commitAt) throws Throwable {
        return open(link, name, "streaming provider " + name,
                in -> ((StreamingProvider<Object, ?>) provider).open(in), commitAt);
    }

    /**
     * Link {@code link}'s attempt, for a link that opens its stream some other way than a
     * {@link StreamingProvider} (an annotated head's method, see {@link StreamingHeads}).
     *
     * @param what names the link in the message when it opens no stream
     * @return the opened stream, committed or ended
     * @throws Throwable what the link threw, opening or reading, unchanged
     */
    Opened open(int link, String name, String what, Opener opener, CommitPoint commitAt) throws Throwable {
        abandonBefore(link);
        Stream<?> stream = opener.open(input);
        if (stream == null) {
            throw new NullPointerException(what + " returned null instead of a Stream");
        }
        Opened opened = new Opened(link, stream);
        if (!keep(opened)) {
            opened.closeQuietly();
            throw new CancellationException("attempt of " + name + " abandoned by its chain");
        }
        try {
            opened.readToCommit(commitAt);
        } catch (Throwable failure) {
            // A provider's failure, or a commit point's: either way this stream is abandoned.
            opened.closeQuietly();
            throw failure;
        }
        return opened;
    }

    /** Opens one link's stream from the run's input. */
    @FunctionalInterface
    interface Opener {
        Stream<?> open(Object input) throws Throwable;
    }

    private synchronized void abandonBefore(int link) {
        latest = Math.max(latest, link);
        for (Opened opened : open) {
            if (opened.link < link) {
                opened.closeQuietly();
            }
        }
        open.removeIf(opened -> opened.link < link);
    }

    private synchronized boolean keep(Opened opened) {
        if (sealed || opened.link < latest) {
            return false;
        }
        open.add(opened);
        return true;
    }

    /**
     * Ends the run: closes every stream but the winner's, and any opened from now on.
     *
     * @param winner the committed stream, or {@code null} when the run failed
     */
    synchronized void seal(Opened winner) {
        sealed = true;
        for (Opened opened : open) {
            if (opened != winner) {
                opened.closeQuietly();
            }
        }
        open.clear();
    }
}
