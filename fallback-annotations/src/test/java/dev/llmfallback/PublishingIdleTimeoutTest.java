package dev.llmfallback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmfallback.internal.run.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The idle timeout of a publishing chain after its commit (SPEC §13) bounds the committed provider's silence,
 * not the subscriber's own time: on a fake clock whose workers and timers run inline.
 */
class PublishingIdleTimeoutTest {

    private static final String SECRET = "s3cr3t-idle-prompt";

    private final FakeScheduler clock = new FakeScheduler();

    @Test
    public void aSlowSubscriber_isNotAnIdleProvider() {
        // The publisher emits on the thread that requests, as one emitting on its own I/O thread does: while the
        // subscriber is busy in onNext, the provider cannot send its next element.
        ScriptedPublisher primary = new ScriptedPublisher(clock::skip, "one", "two", "three");
        Flow.Publisher<String> answer = FallbackChain.<String, String>builder().scheduler(clock)
                .publishingProvider("anthropic", p -> primary)
                .idleTimeout(Duration.ofSeconds(10))
                .build().publish(SECRET);
        List<String> received = new ArrayList<>();
        Throwable[] failure = {null};
        boolean[] completed = {false};

        answer.subscribe(new Flow.Subscriber<String>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String item) {
                received.add(item);
                if (item.equals("two")) {
                    // The subscriber's own work: 11 s on the clock, timers firing meanwhile.
                    clock.advance(Duration.ofSeconds(11));
                }
            }

            @Override
            public void onError(Throwable thrown) {
                failure[0] = thrown;
            }

            @Override
            public void onComplete() {
                completed[0] = true;
            }
        });

        assertThat(failure[0]).isNull();
        assertThat(received).containsExactly("one", "two", "three");
        assertThat(completed[0]).isTrue();
        assertThat(primary.cancelled).as("a provider that answered at once is not cut").hasValue(0);
        assertThat(clock.pendingTimers()).isZero();
    }

    @Test
    public void anIdleTimeout_signalsTheSubscriberOffTheTimerThreadEveryChainShares() {
        TimerMarking marking = new TimerMarking(clock);
        ScriptedPublisher stalling = new ScriptedPublisher(clock::skip, "one", ScriptedPublisher.STALL);
        Flow.Publisher<String> answer = FallbackChain.<String, String>builder().scheduler(marking)
                .publishingProvider("anthropic", p -> stalling)
                .idleTimeout(Duration.ofSeconds(10))
                .build().publish(SECRET);
        Throwable[] failure = {null};
        boolean[] onTimer = {false};
        answer.subscribe(new Flow.Subscriber<String>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String item) {
            }

            @Override
            public void onError(Throwable thrown) {
                failure[0] = thrown;
                onTimer[0] = marking.inTimer;
            }

            @Override
            public void onComplete() {
            }
        });

        clock.advance(Duration.ofSeconds(10));

        assertThat(failure[0]).isInstanceOf(StreamInterruptedException.class);
        assertThat(onTimer[0]).as("a subscriber that blocks in onError must not hold up every chain's timers").isFalse();
        assertThat(stalling.cancelled).hasValue(1);
    }

    /**
     * The fake scheduler, telling whether code runs within a timer's action; a worker's task or a continuation
     * does not, even when the fake runs it inline.
     */
    private static final class TimerMarking implements Scheduler {
        private final FakeScheduler fake;
        boolean inTimer;

        TimerMarking(FakeScheduler fake) {
            this.fake = fake;
        }

        @Override
        public long nanoTime() {
            return fake.nanoTime();
        }

        @Override
        public Object[] captureContext() {
            return fake.captureContext();
        }

        @Override
        public <T> Future<T> submit(Callable<T> task, Object[] captured) {
            return fake.submit(() -> {
                boolean was = inTimer;
                inTimer = false;
                try {
                    return task.call();
                } finally {
                    inTimer = was;
                }
            }, captured);
        }

        @Override
        public Cancellable schedule(Runnable action, long nanos) {
            return fake.schedule(() -> {
                boolean was = inTimer;
                inTimer = true;
                try {
                    action.run();
                } finally {
                    inTimer = was;
                }
            }, nanos);
        }

        @Override
        public void proceed(Runnable continuation) {
            fake.proceed(() -> {
                boolean was = inTimer;
                inTimer = false;
                try {
                    continuation.run();
                } finally {
                    inTimer = was;
                }
            });
        }
    }
}
