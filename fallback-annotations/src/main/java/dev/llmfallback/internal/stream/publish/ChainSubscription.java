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
 * <p>Signals to the subscriber are serialized by one drain loop (a work-in-progress counter, never a lock held
 * while signalling): whichever thread brings news — the subscriber's {@code request} or {@code cancel}, the
 * run's end, the committed publisher's signals, the idle timer — either drains or leaves the work to the thread
 * already draining, so a {@code request} from within {@code onNext} never recurses. After the commit a
 * failure of the publisher ends the subscription with {@link StreamInterruptedException} (an {@link Error}
 * passes unchanged), as does an idle timeout: with demand outstanding, no signal for the chain's idle timeout.
 * Cancelling stops the run before the commit (the attempt in flight is cancelled, its publisher's subscription
 * cancelled) and cancels the committed publisher after it. Thread-safe.
 *
 * @param <T> the element type
 */
final class ChainSubscription<T> implements Flow.Subscription, Pull.Relay {

    private final ChainPublisher<T> publisher;
    private final Flow.Subscriber<? super T> subscriber;
    private final Scheduler scheduler;
    private final AtomicInteger wip = new AtomicInteger();
    /** Everything the subscriber requested, saturated at {@code Long.MAX_VALUE} (unbounded). */
    private final AtomicLong requested = new AtomicLong();
    /** The preamble, then the committed publisher's elements: never more than the subscriber requested. */
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong received = new AtomicLong();
    private volatile boolean cancelled;
    private volatile Throwable badRequest;
    private volatile CompletableFuture<Commit> run;
    private volatile Commit commit;
    private volatile boolean upstreamDone;
    private volatile Throwable upstreamFailure;
    private volatile TimeoutException idleExpired;
    private volatile long lastProgress;
    private volatile long upstreamRequested;
    private volatile Scheduler.Cancellable idleTimer;
    // Touched by the draining thread only.
    private long emitted;
    private long preambleSize = -1;
    private Pull pull;
    private String provider;
    private FallbackTrace trace;
    private boolean terminated;
    private boolean commitClosed;

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
        int missed = 1;
        do {
            work();
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
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
        Commit committed = commit;
        Throwable errorEvent = committed.failureIn(element);
        if (errorEvent != null) {
            // The provider said it failed, as an element (an SDK's error event): the end of its answer.
            committed.close();
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
        int missed = 1;
        do {
            work();
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
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
                subscriber.onNext((T) next);
            } catch (Throwable broken) {
                cancelled = true;
                release();
                return;
            }
            emitted++;
        }
        // Read before the queue: an element is queued before its publisher's terminal signal is noted.
        boolean done = upstreamDone;
        TimeoutException idle = idleExpired;
        if (preambleSize < 0 || !queue.isEmpty()) {
            return;
        }
        if (idle != null) {
            terminate(new StreamInterruptedException(provider, emitted, trace, idle));
            return;
        }
        if (done) {
            Throwable failure = upstreamFailure;
            terminate(failure == null ? null : failure instanceof Error ? failure
                    : new StreamInterruptedException(provider, emitted, trace, failure));
            return;
        }
        askUpstream(wanted);
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
        pull = (Pull) ended.source();
        if (publisher.idleNanos > 0) {
            lastProgress = scheduler.nanoTime();
            idleTimer = scheduler.schedule(this::checkIdle, publisher.idleNanos);
        }
        // May hand over a terminal signal that came before the commit was taken, from within this call.
        pull.relayTo(this);
        return true;
    }

    /** Asks the committed publisher for what the subscriber requested beyond the preamble and not yet asked. */
    private void askUpstream(long wanted) {
        long target = wanted == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, wanted - preambleSize);
        long asked = upstreamRequested;
        if (pull == null || target <= asked) {
            return;
        }
        if (publisher.idleNanos > 0 && received.get() >= asked) {
            // Nothing was outstanding: the wait for the publisher starts now, not at its last element.
            lastProgress = scheduler.nanoTime();
        }
        upstreamRequested = target;
        pull.request(target == Long.MAX_VALUE ? Long.MAX_VALUE : target - asked);
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
        if (owed && waited >= idle) {
            idleExpired = new TimeoutException("no element from " + provider + " for " + Duration.ofNanos(waited)
                    + " after the commit (idle timeout " + Duration.ofNanos(idle) + ")");
            Pull upstream = pull;
            if (upstream != null) {
                upstream.close();
            }
            drain();
            return;
        }
        idleTimer = scheduler.schedule(this::checkIdle, owed ? idle - waited : idle);
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

    /** Stops the run, or closes the committed publisher; again for a commit that arrives later. */
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
        Commit ended = commit;
        if (ended != null && !commitClosed) {
            commitClosed = true;
            ended.close();
        }
    }
}
