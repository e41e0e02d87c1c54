package dev.llmfallback.tck.stream;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
        synchronized (closed) {
            closed.notifyAll();
        }
    }

    /**
     * Waits until {@code count} responses are closed: a response an SDK returns only after its attempt timed
     * out is closed by the chain as soon as it arrives, on the abandoned attempt's thread.
     *
     * @param count   the number of closes to wait for
     * @param timeout the longest to wait
     * @return the number closed when the wait ended
     * @throws InterruptedException if interrupted while waiting
     */
    public int awaitClosed(int count, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        synchronized (closed) {
            long left;
            while (closed.get() < count && (left = until - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(closed, left);
            }
        }
        return closed.get();
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
