package dev.llmfallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmfallback.Attempt.Outcome;
import dev.llmfallback.internal.health.HealthRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Streaming chains that answer with a {@link Flow.Publisher} (SPEC §13), with scripted publishers on a fake
 * clock whose workers run inline: the contract of {@link StreamingChainTest}, for publishers, plus what only
 * publishers have — demand, cancellation, signals instead of throws. Elements named {@code pre:...} are
 * preamble for the commit point these tests use.
 */
class PublishingChainTest {

    private static final String SECRET = "s3cr3t-publish-prompt";
    private static final CommitPoint AFTER_PREAMBLE = element -> !element.toString().startsWith("pre:");

    private final FakeScheduler clock = new FakeScheduler();

    private ScriptedPublisher script(Object... steps) {
        return new ScriptedPublisher(clock::skip, steps);
    }

    private FallbackChain.Builder<String, String> builder() {
        return FallbackChain.<String, String>builder().scheduler(clock);
    }

    private static RecordingSubscriber<String> subscribe(Flow.Publisher<String> publisher, long request) {
        RecordingSubscriber<String> subscriber = new RecordingSubscriber<>(request);
        publisher.subscribe(subscriber);
        return subscriber;
    }

    @Test
    public void firstProviderCommits_preambleThenContent_thenComplete() {
        ScriptedPublisher primary = script("pre:start", "Hello", " world");
        ScriptedPublisher secondary = script("never");
        Flow.Publisher<String> answer = builder()
                .publishingProvider("anthropic", p -> primary, null, AFTER_PREAMBLE, null)
                .publishingProvider("openai", p -> secondary)
                .build().publish(SECRET);
        assertThat(FallbackTrace.of(answer)).as("nothing ran before a subscription").isSameAs(FallbackTrace.empty());
        assertThat(primary.subscribed).hasValue(0);

        RecordingSubscriber<String> subscriber = subscribe(answer, Long.MAX_VALUE);

        assertThat(subscriber.received()).containsExactly("pre:start", "Hello", " world");
        assertThat(subscriber.completed).isTrue();
        assertThat(secondary.subscribed).hasValue(0);
        assertThat(FallbackTrace.of(answer).attempts()).extracting(Attempt::provider, Attempt::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("anthropic", Outcome.SUCCEEDED));
        assertThat(FallbackTrace.of((Object) answer)).isSameAs(FallbackTrace.of(answer));
    }

    @Test
    public void onErrorAfterPreamble_fallsOver_theFirstPreambleNeverEmitted_itsSubscriptionCancelledOrEnded() {
        ScriptedPublisher primary = script("pre:message_start", "pre:ping", new StatusFailure(529), "unreached");
        ScriptedPublisher secondary = script("pre:role", "Hi", "!");
        Flow.Publisher<String> answer = builder()
                .publishingProvider("anthropic", p -> primary, null, AFTER_PREAMBLE, null)
                .publishingProvider("openai", p -> secondary, null, AFTER_PREAMBLE, null)
                .build().publish(SECRET);

        RecordingSubscriber<String> subscriber = subscribe(answer, Long.MAX_VALUE);

        assertThat(subscriber.received()).containsExactly("pre:role", "Hi", "!");
        assertThat(subscriber.completed).isTrue();
        assertThat(primary.allEnded()).isTrue();
        assertThat(secondary.allEnded()).isTrue();
        FallbackTrace trace = FallbackTrace.of(answer);
        assertThat(trace.attempts()).extracting(Attempt::outcome).containsExactly(Outcome.FAILED, Outcome.SUCCEEDED);
        assertThat(trace.summary(0)).hasValue("529 overloaded");
    }

    @Test
    public void failureThrownByTheProvider_fallsOverToTheNextPublisher() {
        ScriptedPublisher secondary = script("from openai");
        Flow.Publisher<String> answer = builder()
                .publishingProvider("anthropic", p -> {
                    throw new StatusFailure(503);
                })
                .publishingProvider("openai", p -> secondary)
                .build().publish(SECRET);

        RecordingSubscriber<String> subscriber = subscribe(answer, 5);

        assertThat(subscriber.received()).containsExactly("from openai");
        assertThat(subscriber.completed).isTrue();
        assertThat(FallbackTrace.of(answer).attempts()).extracting(Attempt::outcome)
                .containsExactly(Outcome.FAILED, Outcome.SUCCEEDED);
    }

    @Test
    public void failureAfterCommit_isStreamInterrupted_neverAnotherProvidersAnswer() {
        StatusFailure cut = new StatusFailure(529);
        ScriptedPublisher primary = script("pre:start", "one", "two", cut, "unreached");
        ScriptedPublisher secondary = script("never");
        Flow.Publisher<String> answer = builder()
                .publishingProvider("anthropic", p -> primary, null, AFTER_PREAMBLE, null)
                .publishingProvider("openai", p -> secondary)
                .build().publish(SECRET);

        RecordingSubscriber<String> subscriber = subscribe(answer, Long.MAX_VALUE);

        assertThat(subscriber.received()).containsExactly("pre:start", "one", "two");
        assertThat(subscriber.failure).isInstanceOf(StreamInterruptedException.class).hasCause(cut)
                .hasMessage("stream from anthropic interrupted after 3 elements: 529 overloaded");
        StreamInterruptedException interrupted = (StreamInterruptedException) subscriber.failure;
        assertThat(interrupted.elementsEmitted()).isEqualTo(3);
        assertThat(interrupted.trace().winner()).hasValueSatisfying(a -> assertThat(a.provider()).isEqualTo("anthropic"));
        assertThat(secondary.subscribed).hasValue(0);
    }

    @Test
    public void errorAfterCommit_passesUnchanged() {
        AssertionError broken = new AssertionError("a bug in the provider");
        Flow.Publisher<String> answer = builder()
                .publishingProvider("anthropic", p -> script("one", broken))
                .build().publish(SECRET);

        assertThat(subscribe(answer, Long.MAX_VALUE).failure).isSameAs(broken);
    }

    @Test
    public void stoppingFailureBeforeCommit_isSignalledUnchanged_andTheSubscriptionEnded() {
        StatusFailure badRequest = new StatusFailure(400);
        ScriptedPublisher primary = script("pre:start", badRequest);
        ScriptedPublisher secondary = script("never");
        Flow.Publisher<String> answer = builder()
                .publishingProvider("anthropic", p -> primary, null, AFTER_PREAMBLE, null)
                .publishingProvider("openai", p -> secondary)
                .build().publish(SECRET);

        RecordingSubscriber<String> subscriber = subscribe(answer, 0);

        assertThat(subscriber.failure).as("signalled without demand").isSameAs(badRequest);
        assertThat(subscriber.received()).isEmpty();
        assertThat(secondary.subscribed).hasValue(0);
        assertThat(FallbackTrace.of(answer).attempts()).extracting(Attempt::outcome).containsExactly(Outcome.STOPPED);
    }

    @Test
    public void everyProviderFailsBeforeCommit_allProvidersFailed() {
        ScriptedPublisher primary = script("pre:a", new StatusFailure(529));
        ScriptedPublisher secondary = script(new StatusFailure(503));
        Flow.Publisher<String> answer = builder()
                .publishingProvider("anthropic", p -> primary, null, AFTER_PREAMBLE, null)
                .publishingProvider("openai", p -> secondary, null, AFTER_PREAMBLE, null)
                .build().publish(SECRET);

        RecordingSubscriber<String> subscriber = subscribe(answer, 1);

        assertThat(subscriber.failure).isInstanceOf(AllProvidersFailedException.class)
                .hasMessage("all 2 providers failed: anthropic (529 overloaded), openai (503 unavailable)");
        assertThat(primary.allEnded()).isTrue();
        assertThat(secondary.allEnded()).isTrue();
    }

    @Test
    public void demandIsRespected_afterTheCommitTheProviderIsAskedOnlyForWhatTheSubscriberWants() {
        // Before the commit the chain reads one element at a time: the preamble and the committing element.
        ScriptedPublisher primary = script("pre:start", "a", "b", "c", "d", "e");
        Flow.Publisher<String> answer = builder()
                .publishingProvider("anthropic", p -> primary, null, AFTER_PREAMBLE, null)
                .build().publish(SECRET);

        RecordingSubscriber<String> subscriber = subscribe(answer, 0);
        assertThat(primary.requested).as("read to the commit point only").hasValue(2);
        assertThat(subscriber.received()).isEmpty();

        subscriber.subscription.request(1);
        assertThat(subscriber.received()).containsExactly("pre:start");
        assertThat(primary.requested).as("the preamble is served from the buffer").hasValue(2);

        subscriber.subscription.request(2);
        assertThat(subscriber.received()).containsExactly("pre:start", "a", "b");
        assertThat(primary.requested).hasValue(3);

        subscriber.subscription.request(2);
        assertThat(subscriber.received()).containsExactly("pre:start", "a", "b", "c", "d");
        assertThat(primary.requested).hasValue(5);
        assertThat(subscriber.ended()).isFalse();

        subscriber.subscription.request(Long.MAX_VALUE);
        assertThat(subscriber.received()).containsExactly("pre:start", "a", "b", "c", "d", "e");
        assertThat(subscriber.completed).isTrue();
    }

    @Test
    public void requestFromWithinOnNext_doesNotRecurse() {
        String[] many = new String[10_000];
        java.util.Arrays.fill(many, "x");
        Flow.Publisher<String> answer = builder().publishingProvider("anthropic", p -> script((Object[]) many))
                .build().publish(SECRET);
        int[] depth = {0, 0};
        answer.subscribe(new Flow.Subscriber<String>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription given) {
                subscription = given;
                given.request(1);
            }

            @Override
            public void onNext(String item) {
                depth[0]++;
                depth[1] = Math.max(depth[1], depth[0]);
                subscription.request(1);
                depth[0]--;
            }

            @Override
            public void onError(Throwable thrown) {
                throw new AssertionError(thrown);
            }

            @Override
            public void onComplete() {
            }
        });

        assertThat(depth[1]).isEqualTo(1);
    }

    @Test
    public void cancelFromOnNext_stopsAPublisherThatAnswersWithinItsRequest_atTheNextElement() {
        String[] many = new String[100_000];
        java.util.Arrays.fill(many, "x");
        ScriptedPublisher primary = script((Object[]) many);
        Flow.Publisher<String> answer = builder().publishingProvider("anthropic", p -> primary).build().publish(SECRET);
        int[] received = {0};
        answer.subscribe(new Flow.Subscriber<String>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription given) {
                subscription = given;
                given.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String item) {
                if (++received[0] == 3) {
                    subscription.cancel();
                }
            }

            @Override
            public void onError(Throwable thrown) {
                throw new AssertionError(thrown);
            }

            @Override
            public void onComplete() {
                throw new AssertionError("cancelled, not completed");
            }
        });

        assertThat(received[0]).isEqualTo(3);
        assertThat(primary.cancelled).hasValue(1);
        assertThat(primary.emitted).as("the publisher's own loop stopped at once, not after 100 000").hasValue(3);
    }

    @Test
    public void nonPositiveRequest_endsTheSubscriptionWithIllegalArgument_andCancelsTheProvider() {
        ScriptedPublisher primary = script("a", "b");
        Flow.Publisher<String> answer = builder().publishingProvider("anthropic", p -> primary).build().publish(SECRET);

        RecordingSubscriber<String> subscriber = subscribe(answer, 0);
        subscriber.subscription.request(0);

        assertThat(subscriber.failure).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("§3.9");
        assertThat(primary.cancelled).hasValue(1);
    }

    @Test
    public void cancelAfterCommit_cancelsTheCommittedPublisher() {
        ScriptedPublisher primary = script("a", "b", "c");
        Flow.Publisher<String> answer = builder().publishingProvider("anthropic", p -> primary).build().publish(SECRET);

        RecordingSubscriber<String> subscriber = subscribe(answer, 1);
        subscriber.subscription.cancel();
        subscriber.subscription.request(5);

        assertThat(subscriber.received()).containsExactly("a");
        assertThat(subscriber.ended()).isFalse();
        assertThat(primary.cancelled).hasValue(1);
    }

    @Test
    public void cancelBeforeCommit_stopsTheRun_andCancelsThePublisherInFlight() throws Exception {
        // Real workers: the attempt waits on its own thread for a publisher that never answers.
        CountDownLatch cancelled = new CountDownLatch(1);
        CountDownLatch subscribed = new CountDownLatch(1);
        Flow.Publisher<String> silent = subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                subscribed.countDown();
            }

            @Override
            public void cancel() {
                cancelled.countDown();
            }
        });
        ScriptedPublisher secondary = script("never");
        Flow.Publisher<String> answer = FallbackChain.<String, String>builder()
                .publishingProvider("anthropic", p -> silent)
                .publishingProvider("openai", p -> secondary)
                .build().publish(SECRET);

        RecordingSubscriber<String> subscriber = subscribe(answer, 1);
        assertThat(subscribed.await(10, TimeUnit.SECONDS)).isTrue();
        subscriber.subscription.cancel();

        assertThat(cancelled.await(10, TimeUnit.SECONDS)).as("the abandoned subscription is cancelled").isTrue();
        assertThat(secondary.subscribed).hasValue(0);
        assertThat(subscriber.received()).isEmpty();
    }

    @Test
    public void realWorkers_fallOverAndDeliver_offTheCallersThread() throws Exception {
        ScriptedPublisher primary = new ScriptedPublisher(d -> { }, "pre:a", new StatusFailure(529));
        ScriptedPublisher secondary = new ScriptedPublisher(d -> { }, "pre:b", "ok", "done");
        Flow.Publisher<String> answer = FallbackChain.<String, String>builder()
                .publishingProvider("anthropic", p -> primary, null, AFTER_PREAMBLE, null)
                .publishingProvider("openai", p -> secondary, null, AFTER_PREAMBLE, null)
                .build().publish(SECRET);

        RecordingSubscriber<String> subscriber = subscribe(answer, Long.MAX_VALUE);

        assertThat(subscriber.awaitEnd()).isTrue();
        assertThat(subscriber.received()).containsExactly("pre:b", "ok", "done");
        assertThat(subscriber.completed).isTrue();
        assertThat(primary.allEnded()).isTrue();
    }

    @Test
    public void timeoutBoundsTheTimeToCommit_theSlowPublisherIsCancelled() {
        ScriptedPublisher slow = script("pre:start", Duration.ofSeconds(2), "late content", "more");
        ScriptedPublisher secondary = script("fast");
        Flow.Publisher<String> answer = builder()
                .publishingProvider("anthropic", p -> slow, null, AFTER_PREAMBLE, Duration.ofSeconds(1))
                .publishingProvider("openai", p -> secondary)
                .build().publish(SECRET);

        RecordingSubscriber<String> subscriber = subscribe(answer, Long.MAX_VALUE);

        assertThat(subscriber.received()).containsExactly("fast");
        FallbackTrace trace = FallbackTrace.of(answer);
        assertThat(trace.attempts()).extracting(Attempt::outcome).containsExactly(Outcome.TIMED_OUT, Outcome.SUCCEEDED);
        assertThat(trace.attempts().get(0).failure()).isInstanceOf(TimeoutException.class);
        assertThat(slow.cancelled).as("the late publisher was cancelled when the chain moved on").hasValue(1);
    }

    @Test
    public void idleTimeout_boundsAStallAfterTheCommit_cancelsTheProvider() {
        ScriptedPublisher stalling = script("one", "two", ScriptedPublisher.STALL);
        Flow.Publisher<String> answer = builder()
                .publishingProvider("anthropic", p -> stalling, null, null, Duration.ofSeconds(1))
                .idleTimeout(Duration.ofSeconds(10))
                .build().publish(SECRET);

        RecordingSubscriber<String> subscriber = subscribe(answer, Long.MAX_VALUE);
        assertThat(subscriber.received()).containsExactly("one", "two");
        clock.advance(Duration.ofSeconds(9));
        assertThat(subscriber.ended()).as("not yet idle for 10 s").isFalse();
        clock.advance(Duration.ofSeconds(1));

        assertThat(subscriber.failure).isInstanceOf(StreamInterruptedException.class)
                .hasMessageStartingWith("stream from anthropic interrupted after 2 elements: TimeoutException")
                .hasCauseInstanceOf(TimeoutException.class);
        assertThat(stalling.cancelled).hasValue(1);
        assertThat(clock.pendingTimers()).isZero();
    }

    @Test
    public void idleTimeout_doesNotCountTimeTheSubscriberAskedForNothing() {
        ScriptedPublisher primary = script("one", "two", "three");
        Flow.Publisher<String> answer = builder()
                .publishingProvider("anthropic", p -> primary)
                .idleTimeout(Duration.ofSeconds(10))
                .build().publish(SECRET);

        RecordingSubscriber<String> subscriber = subscribe(answer, 1);
        clock.advance(Duration.ofMinutes(5));
        subscriber.subscription.request(Long.MAX_VALUE);

        assertThat(subscriber.received()).containsExactly("one", "two", "three");
        assertThat(subscriber.completed).isTrue();
        assertThat(primary.cancelled).hasValue(0);
    }

    @Test
    public void providerAnsweringSomethingElse_isAFailureJudgedByItsPredicate_withAMessageThatSaysTheFix() {
        Flow.Publisher<String> answer = builder()
                .publishingProvider("anthropic", p -> "not a publisher", Always.INSTANCE, null, null)
                .publishingProvider("openai", p -> null, Always.INSTANCE, null, null)
                .publishingProvider("local", p -> script("ok"))
                .build().publish(SECRET);

        assertThat(subscribe(answer, 1).received()).containsExactly("ok");
        List<Attempt> attempts = FallbackTrace.of(answer).attempts();
        assertThat(attempts.get(0).failure()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("publishing provider anthropic returned a java.lang.String, not a publisher: return a "
                        + "java.util.concurrent.Flow.Publisher, an org.reactivestreams.Publisher, or a Reactor Flux or Mono");
        assertThat(attempts.get(1).failure()).isInstanceOf(NullPointerException.class)
                .hasMessage("publishing provider openai returned null instead of a publisher");
    }

    @Test
    public void preCommitFailures_coolTheProvider() {
        ProviderHealth health = new ProviderHealth(new HealthRegistry(clock::nanoTime,
                Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC)));
        ScriptedPublisher secondary = script("ok");
        FallbackChain<String, String> chain = builder()
                .publishingProvider("anthropic", p -> script("pre:start", new StatusFailure(529)), null,
                        AFTER_PREAMBLE, null)
                .publishingProvider("openai", p -> secondary)
                .health(OutageCooldown.INSTANCE).healthRegistry(health)
                .build();

        Flow.Publisher<String> answer = null;
        for (int call = 0; call < 4; call++) {
            answer = chain.publish(SECRET);
            assertThat(subscribe(answer, 1).received()).containsExactly("ok");
        }

        assertThat(health.state("anthropic").status()).isEqualTo(ProviderHealth.Status.COOLING);
        assertThat(FallbackTrace.of(answer).attempts()).extracting(Attempt::outcome)
                .containsExactly(Outcome.SKIPPED_UNHEALTHY, Outcome.SUCCEEDED);
    }

    @Test
    public void eachSubscriptionRunsTheChainAnew() {
        ScriptedPublisher primary = script("a");
        Flow.Publisher<String> answer = builder().publishingProvider("anthropic", p -> primary).build().publish(SECRET);

        assertThat(subscribe(answer, 1).received()).containsExactly("a");
        assertThat(subscribe(answer, 1).received()).containsExactly("a");
        assertThat(primary.subscribed).hasValue(2);
    }

    @Test
    public void noMessageOrTraceHoldsTheInputOrAnElement() {
        String element = "element-" + SECRET;
        RuntimeException quoting = new RuntimeException("overloaded while answering " + SECRET);
        Flow.Publisher<String> answer = builder()
                .publishingProvider("anthropic", p -> script("pre:" + SECRET, new StatusFailure(529)), null,
                        AFTER_PREAMBLE, null)
                .publishingProvider("openai", p -> script(element, quoting))
                .build().publish(SECRET);

        Throwable interrupted = subscribe(answer, Long.MAX_VALUE).failure;

        assertThat(interrupted).isInstanceOf(StreamInterruptedException.class);
        for (String told : List.of(interrupted.getMessage(), interrupted.toString(),
                ((StreamInterruptedException) interrupted).trace().toString(), FallbackTrace.of(answer).toString(),
                answer.toString())) {
            assertThat(told).doesNotContain(SECRET);
        }
    }

    @Test
    public void misuse_failsWithMessagesThatSayTheFix() {
        FallbackChain<String, String> publishing = builder().publishingProvider("p", p -> script("a")).build();
        FallbackChain<String, String> streaming = builder().streamingProvider("s", p -> Stream.of("b")).build();
        assertThatThrownBy(() -> builder().publishingProvider("p", p -> script("a"))
                .streamingProvider("s", p -> Stream.of("b")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mixes publishing and streaming providers [p, s]");
        assertThatThrownBy(() -> builder().provider("p", p -> "a").idleTimeout(Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("idleTimeout(...) bounds a stream after its commit point");
        assertThatThrownBy(() -> publishing.stream("x")).isInstanceOf(IllegalStateException.class)
                .hasMessage("FallbackChain[p].stream(input): this chain's providers are publishing providers: "
                        + "call publish(input)");
        assertThatThrownBy(() -> publishing.run("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> streaming.publish("x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("streaming providers: call stream(input)");
        assertThatThrownBy(() -> publishing.publish("x").subscribe(null)).isInstanceOf(NullPointerException.class);
        assertThat(FallbackTrace.of((Flow.Publisher<String>) subscriber -> { })).isSameAs(FallbackTrace.empty());
        assertThat(FallbackTrace.of((Object) "not ours")).isSameAs(FallbackTrace.empty());
    }
}
