package dev.llmfallback;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * A subscriber that records what it receives and requests only what a test tells it to. Thread-safe enough
 * for one publisher's serialized signals read by the test thread after {@link #awaitEnd}.
 */
final class RecordingSubscriber<T> implements Flow.Subscriber<T> {

    final List<T> received = new ArrayList<>();
    volatile Throwable failure;
    volatile boolean completed;
    volatile Flow.Subscription subscription;
    private final long initialRequest;
    private final CountDownLatch ended = new CountDownLatch(1);

    /** @param initialRequest requested in onSubscribe; 0 for none */
    RecordingSubscriber(long initialRequest) {
        this.initialRequest = initialRequest;
    }

    @Override
    public void onSubscribe(Flow.Subscription given) {
        subscription = given;
        if (initialRequest > 0) {
            given.request(initialRequest);
        }
    }

    @Override
    public synchronized void onNext(T item) {
        received.add(item);
    }

    @Override
    public void onError(Throwable thrown) {
        failure = thrown;
        ended.countDown();
    }

    @Override
    public void onComplete() {
        completed = true;
        ended.countDown();
    }

    synchronized List<T> received() {
        return List.copyOf(received);
    }

    boolean ended() {
        return ended.getCount() == 0;
    }

    /** Waits for a run on real worker threads to end; a bound, not a pause: returns as soon as it ends. */
    boolean awaitEnd() throws InterruptedException {
        return ended.await(10, TimeUnit.SECONDS);
    }
}
