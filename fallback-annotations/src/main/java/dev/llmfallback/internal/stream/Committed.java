package dev.llmfallback.internal.stream;

import dev.llmfallback.FallbackTrace;
import dev.llmfallback.StreamInterruptedException;
import dev.llmfallback.internal.run.Link;
import dev.llmfallback.internal.run.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.Spliterator;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The stream a committed run hands its caller: the winner's preamble, verbatim, then the rest of its stream.
 * A failure of the provider from here on is a {@link StreamInterruptedException}, never another provider's
 * answer; an {@link Error} passes unchanged. The provider's stream is closed as soon as it ends or fails (and
 * when the caller closes the returned stream). A failure of the caller's own action passes unchanged: the
 * provider is read outside the action. With an idle timeout, a pull that waits longer than it for the
 * provider's next element closes the provider's stream from the scheduler's timer (which is how a blocked read
 * of an SDK's stream ends) and fails with a {@link StreamInterruptedException} caused by a
 * {@link TimeoutException}. Such failures are reported to the link's provider health ({@link AfterCommit}).
 * Not thread-safe, like any spliterator, but for that timer.
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
    private final Idle idle;
    /** The committed link, for provider health; {@code null} when not reported. */
    private final Link link;

    Committed(Opened opened, String provider, FallbackTrace trace) {
        this.opened = opened;
        this.provider = provider;
        this.trace = trace;
        this.preamble = opened.preamble();
        this.ended = opened.ended();
        this.idle = null;
        this.link = null;
    }

    Committed(Opened opened, Link link, FallbackTrace trace, Scheduler scheduler, long idleNanos) {
        this.opened = opened;
        this.link = link;
        this.provider = link.provider();
        this.trace = trace;
        this.preamble = opened.preamble();
        this.ended = opened.ended();
        this.idle = idleNanos > 0 ? new Idle(scheduler, idleNanos) : null;
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
            if (idle != null) {
                idle.waiting();
            }
            try {
                advanced = opened.source().tryAdvance(held);
            } finally {
                if (idle != null) {
                    idle.answered();
                }
            }
            if (idle != null && idle.expired != null) {
                held.value = null;
                throw idle.expired;
            }
            Throwable errorEvent = advanced ? opened.failureIn(held.value) : null;
            if (errorEvent != null) {
                held.value = null;
                throw errorEvent;
            }
        } catch (Error error) {
            ended = true;
            opened.closeQuietly();
            throw error;
        } catch (Throwable failure) {
            ended = true;
            TimeoutException timedOut = idle != null ? idle.expired : null;
            StreamInterruptedException interrupted = new StreamInterruptedException(provider, emitted, trace,
                    timedOut != null ? timedOut : failure);
            if (timedOut != null && failure != timedOut) {
                // How the closed stream ended the blocked read: a consequence, kept for the record.
                interrupted.addSuppressed(failure);
            }
            AfterCommit.failed(link, timedOut != null ? timedOut : failure);
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

    /**
     * The idle timeout: one timer at a time, armed when a pull starts and none is armed, re-armed while pulls
     * keep waiting, dropped when it finds no pull waiting; so a stream nobody reads holds no timer.
     */
    private final class Idle {
        private final Scheduler scheduler;
        private final long nanos;
        /** Set by the timer before it closes the stream; read by the pulling thread. */
        volatile TimeoutException expired;
        // Guarded by this.
        private boolean waiting;
        private boolean armed;
        private long since;

        Idle(Scheduler scheduler, long nanos) {
            this.scheduler = scheduler;
            this.nanos = nanos;
        }

        void waiting() {
            boolean arm;
            synchronized (this) {
                since = scheduler.nanoTime();
                waiting = true;
                arm = !armed;
                armed = true;
            }
            if (arm) {
                // Outside the lock: a scheduler may hold its own while it runs due timers.
                scheduler.schedule(this::check, nanos);
            }
        }

        synchronized void answered() {
            waiting = false;
        }

        private void check() {
            long next;
            synchronized (this) {
                if (!waiting) {
                    armed = false;
                    return;
                }
                long waited = scheduler.nanoTime() - since;
                if (waited < nanos) {
                    next = nanos - waited;
                } else {
                    next = 0;
                    armed = false;
                    expired = new TimeoutException("no element from " + provider + " for " + Duration.ofNanos(waited)
                            + " after the commit (idle timeout " + Duration.ofNanos(nanos) + ")");
                }
            }
            if (next > 0) {
                scheduler.schedule(this::check, next);
            } else {
                opened.closeQuietly();
            }
        }
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
