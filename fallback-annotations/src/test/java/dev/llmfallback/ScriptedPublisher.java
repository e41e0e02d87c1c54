package dev.llmfallback;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A provider's publisher played from a script, synchronously on the thread that requests, respecting demand
 * (a trampoline: a request from within onNext is served by the loop already running, never recursively).
 * Counts subscriptions, cancellations and the elements requested of it, so that tests can prove that every
 * abandoned subscription was cancelled and that no more was asked than the subscriber wanted.
 */
final class ScriptedPublisher implements Flow.Publisher<String> {

    /** A step that stops emitting until cancelled: a stream that stalls. */
    static final Object STALL = new Object() {
        @Override
        public String toString() {
            return "STALL";
        }
    };

    final AtomicInteger subscribed = new AtomicInteger();
    final AtomicInteger cancelled = new AtomicInteger();
    final AtomicLong requested = new AtomicLong();
    final AtomicLong emitted = new AtomicLong();
    private final Consumer<Duration> clock;
    private final Object[] steps;

    /**
     * @param clock moves a fake clock for a {@link Duration} step
     * @param steps per element: a String is emitted, a Throwable is signalled with onError, a Duration moves
     *              the clock and goes on, {@link #STALL} stops emitting; after the last step, onComplete
     */
    ScriptedPublisher(Consumer<Duration> clock, Object... steps) {
        this.clock = clock;
        this.steps = steps;
    }

    final List<Play> plays = new ArrayList<>();

    /** Every subscription ended: cancelled, or the script played to its end or to a failure. */
    boolean allEnded() {
        synchronized (plays) {
            return plays.stream().allMatch(play -> play.finished);
        }
    }

    @Override
    public void subscribe(Flow.Subscriber<? super String> subscriber) {
        subscribed.incrementAndGet();
        Play play = new Play(subscriber);
        synchronized (plays) {
            plays.add(play);
        }
        subscriber.onSubscribe(play);
    }

    /** One subscription's play of the script. */
    final class Play implements Flow.Subscription {
        private final Flow.Subscriber<? super String> subscriber;
        private long demand;
        private int next;
        private boolean emitting;
        volatile boolean finished;

        Play(Flow.Subscriber<? super String> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            requested.addAndGet(n);
            synchronized (this) {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                if (emitting) {
                    return;
                }
                emitting = true;
            }
            try {
                play();
            } finally {
                synchronized (this) {
                    emitting = false;
                }
            }
        }

        private void play() {
            while (!finished) {
                Object step;
                synchronized (this) {
                    if (next >= steps.length) {
                        finished = true;
                        step = null;
                    } else if (steps[next] instanceof String && demand == 0) {
                        return;
                    } else {
                        step = steps[next];
                        if (step == STALL) {
                            return;
                        }
                        next++;
                        if (step instanceof String) {
                            demand--;
                        }
                    }
                }
                if (step == null) {
                    subscriber.onComplete();
                } else if (step instanceof Duration) {
                    clock.accept((Duration) step);
                } else if (step instanceof Throwable) {
                    finished = true;
                    subscriber.onError((Throwable) step);
                } else {
                    emitted.incrementAndGet();
                    subscriber.onNext((String) step);
                }
            }
        }

        @Override
        public void cancel() {
            if (!finished) {
                finished = true;
                cancelled.incrementAndGet();
            }
        }
    }
}
