package dev.llmfallback.internal.stream.publish;

import java.util.Spliterator;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A provider's publisher, read as a spliterator up to the commit point, then relayed. Before the commit, an
 * engine's attempt pulls it ({@link #tryAdvance}): each pull requests one element and waits for a signal, so
 * that nothing is buffered beyond the element being read, and a failure signalled ({@code onError}) is thrown
 * to the attempt unchanged, to be judged by the link's predicate. After the commit, {@link #relayTo} hands the
 * publisher's further signals straight to the subscriber's side, which requests what its subscriber asked for.
 * {@link #close()} cancels the subscription (now, or as soon as the publisher gives one) and wakes a waiting
 * pull.
 *
 * <p>Thread-safe: the publisher signals from its own threads, one attempt's thread pulls, and the engine may
 * close it from another.
 */
final class Pull implements Flow.Subscriber<Object>, Spliterator<Object> {

    private final String provider;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signalled = lock.newCondition();
    /** After the commit: where every signal goes. Written under the lock. */
    private volatile Relay relay;
    // Guarded by lock.
    private Flow.Subscription subscription;
    private boolean asked;
    private boolean hasElement;
    private Object element;
    private Throwable failure;
    private boolean completed;
    private boolean closed;

    Pull(String provider) {
        this.provider = provider;
    }

    /** The subscriber's side after the commit. Signals arrive serialized, as the publisher sends them. */
    interface Relay {
        void onNext(Object element);

        void onError(Throwable failure);

        void onComplete();
    }

    @Override
    public void onSubscribe(Flow.Subscription given) {
        if (given == null) {
            throw new NullPointerException("publisher of " + provider + " called onSubscribe(null)");
        }
        lock.lock();
        try {
            if (subscription == null && !closed) {
                subscription = given;
                signalled.signalAll();
                return;
            }
        } finally {
            lock.unlock();
        }
        // A second subscription, or one after close: not ours to keep (Reactive Streams §2.5).
        given.cancel();
    }

    @Override
    public void onNext(Object next) {
        Relay after = relay;
        if (after != null) {
            if (next == null) {
                nullElement(after);
                return;
            }
            after.onNext(next);
            return;
        }
        Flow.Subscription broken = null;
        lock.lock();
        try {
            after = relay;
            if (after == null) {
                if (closed || failure != null || completed) {
                    return;
                }
                if (next == null || hasElement || !asked) {
                    failure = new IllegalStateException("publisher of " + provider + (next == null
                            ? " signalled a null element" : " sent an element that was not requested")
                            + " (Reactive Streams §2.13, §1.1)");
                    broken = subscription;
                } else {
                    element = next;
                    hasElement = true;
                    asked = false;
                }
                signalled.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (after != null) {
            onNext(next);
        } else if (broken != null) {
            broken.cancel();
        }
    }

    private void nullElement(Relay after) {
        Flow.Subscription upstream;
        lock.lock();
        try {
            upstream = subscription;
        } finally {
            lock.unlock();
        }
        if (upstream != null) {
            upstream.cancel();
        }
        after.onError(new NullPointerException("publisher of " + provider + " signalled a null element"));
    }

    @Override
    public void onError(Throwable thrown) {
        Throwable signal = thrown != null ? thrown
                : new NullPointerException("publisher of " + provider + " called onError(null)");
        Relay after = relay;
        if (after == null) {
            lock.lock();
            try {
                after = relay;
                if (after == null) {
                    if (failure == null && !completed) {
                        failure = signal;
                    }
                    signalled.signalAll();
                    return;
                }
            } finally {
                lock.unlock();
            }
        }
        after.onError(signal);
    }

    @Override
    public void onComplete() {
        Relay after = relay;
        if (after == null) {
            lock.lock();
            try {
                after = relay;
                if (after == null) {
                    if (failure == null) {
                        completed = true;
                    }
                    signalled.signalAll();
                    return;
                }
            } finally {
                lock.unlock();
            }
        }
        after.onComplete();
    }

    /**
     * Reads the next element: requests one and waits for it.
     *
     * @throws CancellationException if closed, or if the waiting thread is interrupted (its flag then stays set)
     */
    @Override
    public boolean tryAdvance(Consumer<? super Object> action) {
        Object next;
        lock.lock();
        try {
            while (true) {
                if (hasElement) {
                    next = element;
                    element = null;
                    hasElement = false;
                    break;
                }
                if (failure != null) {
                    throw Pull.<RuntimeException>sneaky(failure);
                }
                if (completed) {
                    return false;
                }
                if (closed) {
                    throw new CancellationException("publisher of " + provider + " cancelled by its chain");
                }
                if (subscription != null && !asked) {
                    asked = true;
                    Flow.Subscription upstream = subscription;
                    // Outside the lock: a publisher may answer on this thread, from within request.
                    lock.unlock();
                    try {
                        upstream.request(1);
                    } finally {
                        lock.lock();
                    }
                    continue;
                }
                try {
                    signalled.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted while waiting for the publisher of " + provider);
                }
            }
        } finally {
            lock.unlock();
        }
        action.accept(next);
        return true;
    }

    /**
     * From now on, every signal goes to {@code after}. A terminal signal that came before (a publisher may
     * complete or fail without being asked) is handed over now, on the calling thread.
     */
    void relayTo(Relay after) {
        Throwable failed;
        boolean done;
        lock.lock();
        try {
            relay = after;
            failed = failure;
            done = completed;
        } finally {
            lock.unlock();
        }
        if (failed != null) {
            after.onError(failed);
        } else if (done) {
            after.onComplete();
        }
    }

    /** Requests {@code n} more elements, after the commit; ignored once closed. */
    void request(long n) {
        Flow.Subscription upstream;
        lock.lock();
        try {
            upstream = closed ? null : subscription;
        } finally {
            lock.unlock();
        }
        if (upstream != null) {
            upstream.request(n);
        }
    }

    /** Cancels the subscription, once, and wakes a pull waiting for it. */
    void close() {
        Flow.Subscription upstream;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            upstream = subscription;
            signalled.signalAll();
        } finally {
            lock.unlock();
        }
        if (upstream != null) {
            upstream.cancel();
        }
    }

    @Override
    public Spliterator<Object> trySplit() {
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

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
