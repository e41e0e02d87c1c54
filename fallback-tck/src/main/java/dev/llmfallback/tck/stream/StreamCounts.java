package dev.llmfallback.tck.stream;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the SDK streaming responses one provider opened and the ones closed, so that a test can prove every
 * response the chain abandoned, and the one it committed to, was closed: an unclosed response holds its
 * connection. Thread-safe: attempts with a timeout open theirs on the engine's workers.
 */
public final class StreamCounts {

    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();

    /** Counts one response opened. */
    public void opened() {
        opened.incrementAndGet();
    }

    /** Counts one response closed (the wrappers count each response's first close only). */
    public void closed() {
        closed.incrementAndGet();
    }

    /**
     * How many responses were opened.
     *
     * @return the count
     */
    public int openedCount() {
        return opened.get();
    }

    /**
     * How many responses were closed.
     *
     * @return the count
     */
    public int closedCount() {
        return closed.get();
    }

    /**
     * Whether every response opened was closed.
     *
     * @return {@code true} when none is open
     */
    public boolean allClosed() {
        return opened.get() == closed.get();
    }

    @Override
    public String toString() {
        return opened.get() + " opened, " + closed.get() + " closed";
    }
}
