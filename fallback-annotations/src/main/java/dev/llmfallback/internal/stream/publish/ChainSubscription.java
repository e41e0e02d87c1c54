package dev.llmfallback.internal.stream.publish;

import dev.llmfallback.FallbackTrace;
import dev.llmfallback.StreamInterruptedException;
import dev.llmfallback.internal.run.Scheduler;
import dev.llmfallback.internal.stream.Commit;
import dev.llmfallback.internal.stream.StreamingRuns;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One subscription to a {@link ChainPublisher}: one run of the chain, started when the subscriber has its
 * subscription. Before the commit the run is the engine's ({@link StreamingRuns#commitAsync}), reading each
 * provider's publisher one element at a time; the subscriber's demand only accumulates. At the commit the
 * winner's preamble is queued, and from then on the committed publisher is asked for exactly what the
 * subscriber asked for beyond the preamble, so that nothing is buffered but the preamble and the elements in
 * flight to a subscriber that requested them.
 *
 * <p>Two serializers, each a work-in-progress counter (never a lock held while signalling): the drain loop
 * signals the subscriber — whichever thread brings news (the subscriber's {@code request} or {@code cancel},
 * the run's end, the committed publisher's signals, the idle timer) either drains or leaves the work to the
 * thread already draining, so a {@code request} from within {@code onNext} never recurses; and the requester
 * calls the committed publisher's {@code request}, one call at a time (§2.7) and never from within the drain
 * loop, so that a publisher that answers a request synchronously hands each element to a drain loop that can
 * deliver it at once instead of queueing everything it was asked for. The committed publisher is cancelled at
 * once, from whatever thread decides it (§3.5: {@code cancel} is thread-safe), even from within its own
 * {@code request}: a publisher looping over a large demand stops at the next element.
 *
 * <p>After the commit a failure of the publisher ends the subscription with {@link StreamInterruptedException}
 * (an {@link Error} passes unchanged), as does an error event among its elements (an SDK's) and an idle
 * timeout: with demand outstanding, no signal for the chain's idle timeout (the time the subscriber spends in
 * {@code onNext} is its own, not counted). Cancelling stops the run before
 * the commit (the attempt in flight is cancelled, its publisher's subscription cancelled) and cancels the
 * committed publisher after it. Failures after the commit are reported to the committed provider's health.
 * Thread-safe.
 *
 * @param <T> the element type
 */
final class ChainSubscription<T> implements Flow.Subscription, Pull.Relay {

    private final ChainPublisher<T> publisher;
    private final Flow.Subscriber<? super T> subscriber;
    private final Scheduler scheduler;
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicInteger requesting = new AtomicInteger();
    /** Everything the subscriber requested, saturated at {@code Long.MAX_VALUE} (unbounded). */
    private final AtomicLong requested = new AtomicLong();
    /** The preamble, then the committed publisher's elements: never more than the subscriber requested. */
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong received = new AtomicLong();
    private volatile boolean cancelled;
    private volatile Throwable badRequest;
    private volatile CompletableFuture<Commit> run;
    private volatile Commit commit;
    /** The committed publisher, once its preamble is queued and it relays to this subscription. */
    private volatile Pull pull;
    private volatile long preambleSize = -1;
    private volatile boolean upstreamDone;
    private volatile Throwable upstreamFailure;
    private volatile boolean upstreamClosed;
    private volatile TimeoutException idleExpired;
    private volatile long lastProgress;
    /** Whether the subscriber is in {@code onNext}: time it takes there is its own, not the provider's silence. */
    private volatile boolean delivering;
    /** What the committed publisher was asked for in all; written by the requester only. */
    private volatile long upstreamRequested;
    private volatile Scheduler.Cancellable idleTimer;
    // Touched by the draining thread only.
    private long emitted;
    private String provider;
    private FallbackTrace trace;
    private boolean terminated;

    ChainSubscription(ChainPublisher<T> publisher, Flow.Subscriber<? super T> subscriber) {
        this.publisher = publisher;
        this.subscriber = subscriber;
        this.scheduler = publisher.chain.scheduler();
    }

    /** Hands the subscriber its subscription, then starts the run; holds the drain meanwhile (§1.3). */
    void start() {
        wip.set(1);
        try {
            subscriber.onSubscribe(this);
        } catch (Throwable broken) {
            // Reactive Streams §2.13: a subscriber that throws may be treated as having cancelled.
            cancelled = true;
        }
        if (!cancelled) {
            CompletableFuture<Commit> started = StreamingRuns.commitAsync(publisher.chain, publisher.input);
            run = started;
            started.thenAccept(this::runEnded);
        }
        drainLoop();
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            badRequest = new IllegalArgumentException("request(" + n + ") on a streaming chain's subscription: "
                    + "Reactive Streams §3.9 requires a positive number of elements");
        } else {
            requested.getAndUpdate(current -> current + n < 0 ? Long.MAX_VALUE : current + n);
        }
        drain();
    }

    @Override
    public void cancel() {
        cancelled = true;
        drain();
    }

    private void runEnded(Commit ended) {
        commit = ended;
        drain();
    }

    @Override
    public void onNext(Object element) {
        if (upstreamDone) {
            // Signals a cancelled publisher sends on its way out.
            return;
        }
        Throwable errorEvent = commit.failureIn(element);
        if (errorEvent != null) {
            // The provider said it failed, as an element (an SDK's error event): the end of its answer.
            closeUpstream();
            onError(errorEvent);
            return;
        }
        received.incrementAndGet();
        if (publisher.idleNanos > 0) {
            lastProgress = scheduler.nanoTime();
        }
        queue.offer(element);
        drain();
    }

    @Override
    public void onError(Throwable failure) {
        upstreamFailure = failure;
        upstreamDone = true;
        drain();
    }

    @Override
    public void onComplete() {
        upstreamDone = true;
        drain();
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        drainLoop();
    }

    /** Runs the drain loop while there is news, then passes the demand on; holding the drain. */
    private void drainLoop() {
        int missed = 1;
        do {
            work();
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
        requestUpstream();
    }

    /** One pass of the drain loop; runs on one thread at a time. */
    @SuppressWarnings("unchecked")
    private void work() {
        if (terminated || cancelled) {
            release();
            return;
        }
        Throwable bad = badRequest;
        if (bad != null) {
            terminate(bad);
            return;
        }
        Commit ended = commit;
        if (ended != null && preambleSize < 0 && !committed(ended)) {
            return;
        }
        long wanted = requested.get();
        while (emitted != wanted) {
            if (cancelled) {
                release();
                return;
            }
            Object next = queue.poll();
            if (next == null) {
                break;
            }
            try {
                delivering = true;
                subscriber.onNext((T) next);
            } catch (Throwable broken) {
                cancelled = true;
                release();
                return;
            } finally {
                delivering = false;
            }
            emitted++;
            if (publisher.idleNanos > 0) {
                // A publisher signalling on its own thread could send nothing while the subscriber held it.
                lastProgress = scheduler.nanoTime();
            }
        }
        // Read before the queue: an element is queued before its publisher's terminal signal is noted.
        boolean done = upstreamDone;
        TimeoutException idle = idleExpired;
        if (preambleSize < 0 || !queue.isEmpty()) {
            return;
        }
        if (idle != null) {
            commit.failedAfterCommit(idle);
            terminate(new StreamInterruptedException(provider, emitted, trace, idle));
        } else if (done) {
            Throwable failure = upstreamFailure;
            if (failure != null && preambleSize >= 0 && pull != null) {
                commit.failedAfterCommit(failure);
            }
            terminate(failure == null ? null : failure instanceof Error ? failure
                    : new StreamInterruptedException(provider, emitted, trace, failure));
        }
    }

    /**
     * The run ended: queue the winner's preamble and take over its publisher, or end with the run's failure.
     *
     * @return whether the subscription goes on
     */
    private boolean committed(Commit ended) {
        publisher.traced(ended.trace());
        if (ended.failure() != null) {
            terminate(ended.failure());
            return false;
        }
        provider = ended.provider();
        trace = ended.trace();
        List<Object> preamble = ended.preamble();
        queue.addAll(preamble);
        preambleSize = preamble.size();
        preamble.clear();
        if (ended.ended()) {
            upstreamDone = true;
            return true;
        }
        Pull committedPull = (Pull) ended.source();
        if (publisher.idleNanos > 0) {
            lastProgress = scheduler.nanoTime();
            idleTimer = scheduler.schedule(this::checkIdle, publisher.idleNanos);
        }
        // May hand over a terminal signal that came before the commit was taken, from within this call.
        committedPull.relayTo(this);
        pull = committedPull;
        return true;
    }

    /**
     * The requester: asks the committed publisher for what the subscriber requested beyond the preamble and
     * not yet asked, unless it was cancelled. One thread at a time; a call made
     * meanwhile (a publisher answering within {@code request}, whose subscriber requests more) is served by
     * the loop already running.
     */
    private void requestUpstream() {
        if (requesting.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            if (!upstreamClosed) {
                Pull upstream = pull;
                if (upstream != null && !upstreamDone) {
                    long wanted = requested.get();
                    long target = wanted == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, wanted - preambleSize);
                    long asked = upstreamRequested;
                    if (target > asked) {
                        if (publisher.idleNanos > 0 && received.get() >= asked) {
                            // Nothing was outstanding: the wait for the publisher starts now.
                            lastProgress = scheduler.nanoTime();
                        }
                        upstreamRequested = target;
                        upstream.request(target == Long.MAX_VALUE ? Long.MAX_VALUE : target - asked);
                    }
                }
            }
            missed = requesting.addAndGet(-missed);
        } while (missed != 0);
    }

    /** The idle timer: expires the subscription if the publisher owes elements and sent none for too long. */
    private void checkIdle() {
        if (terminated || cancelled || upstreamDone) {
            return;
        }
        long idle = publisher.idleNanos;
        long now = scheduler.nanoTime();
        long waited = now - lastProgress;
        boolean owed = received.get() < upstreamRequested;
        if (owed && waited >= idle && !delivering) {
            idleExpired = new TimeoutException("no element from " + provider + " for " + Duration.ofNanos(waited)
                    + " after the commit (idle timeout " + Duration.ofNanos(idle) + ")");
            // Cancelling the provider is quick, and due now; the subscriber's signals are not ours to time.
            closeUpstream();
            drainOffTimer();
            return;
        }
        idleTimer = scheduler.schedule(this::checkIdle, owed && waited < idle ? idle - waited : idle);
    }

    /**
     * Drains where the engine's runs go on after a timeout, as a run that fails by a timeout before the commit
     * signals its subscriber: never on the timer thread, which every chain's timeouts share and which a
     * subscriber (or a shared health store, told of the timeout) could hold up. Inline only when that fails.
     */
    private void drainOffTimer() {
        try {
            scheduler.proceed(this::drain);
        } catch (RuntimeException cannotContinue) {
            drain();
        }
    }

    /** Ends the subscription with {@code failure}, or completes it when {@code null}; once. */
    private void terminate(Throwable failure) {
        terminated = true;
        release();
        try {
            if (failure == null) {
                subscriber.onComplete();
            } else {
                subscriber.onError(failure);
            }
        } catch (Throwable broken) {
            // Reactive Streams §2.13: nothing to signal to any more.
        }
    }

    /** Stops the run, or cancels the committed publisher; again for a commit that arrives later. */
    private void release() {
        queue.clear();
        Scheduler.Cancellable timer = idleTimer;
        if (timer != null) {
            timer.cancel();
        }
        CompletableFuture<Commit> started = run;
        if (started != null && !started.isDone()) {
            started.cancel(true);
        }
        closeUpstream();
    }

    /** Cancels the committed publisher (closes its stream: once), and asks it for nothing more. */
    private void closeUpstream() {
        upstreamClosed = true;
        Commit ended = commit;
        if (ended != null) {
            ended.close();
        }
    }
}
