package dev.llmfallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmfallback.Attempt.Outcome;
import dev.llmfallback.weaving.Entry;
import dev.llmfallback.weaving.WovenChains;
import java.lang.reflect.Method;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Annotated heads declared to return {@link Flow.Publisher} (SPEC §13), as every weaving front door runs them:
 * {@link WovenChains#enter} defers the head to {@link WovenChains#run}, which answers at once with a cold
 * publisher; each subscription runs the chain on the engine's workers. The links' publishers are scripted
 * ({@link ScriptedPublisher}); fallback-publishers-it runs Reactor {@code Flux} and {@code Mono} heads through
 * the Spring AOP door.
 */
class PublishingHeadsTest {

    private static final String SECRET = "s3cr3t-publishing-head-prompt";
    private static final StatusFailure OVERLOADED = new StatusFailure(529);

    /** "pre:..." is preamble; anything else commits. */
    public static final class AfterPreamble implements CommitPoint {
        @Override
        public boolean commits(Object element) {
            return !element.toString().startsWith("pre:");
        }
    }

    static class Heads {
        volatile ScriptedPublisher primary;
        volatile ScriptedPublisher secondary = new ScriptedPublisher(d -> { }, "pre:role", "b1", "b2");

        @LlmFallback(next = "secondary", provider = "primary", commitPoint = AfterPreamble.class)
        Flow.Publisher<String> primary(String prompt) {
            return primary;
        }

        @LlmFallback(provider = "secondary", commitPoint = AfterPreamble.class)
        Flow.Publisher<String> secondary(String prompt) {
            return secondary;
        }

        @LlmFallback
        SubmissionPublisher<String> concrete(String prompt) {
            return new SubmissionPublisher<>();
        }

        @LlmFallback(next = "streams")
        Object plain(String prompt) {
            return "";
        }

        @SuppressWarnings("unused")
        Flow.Publisher<String> streams(String prompt) {
            return secondary;
        }
    }

    @SuppressWarnings("unchecked")
    private static Flow.Publisher<String> call(Heads heads, String name) throws Throwable {
        Method head = Heads.class.getDeclaredMethod(name, String.class);
        Entry entry = WovenChains.enter(head);
        assertThat(entry).as("a publishing head is never run inline").isInstanceOf(Entry.Deferred.class);
        return (Flow.Publisher<String>) WovenChains.run((Entry.Deferred) entry, heads, new Object[] {SECRET});
    }

    private static RecordingSubscriber<String> subscribe(Flow.Publisher<String> publisher, long request) {
        RecordingSubscriber<String> subscriber = new RecordingSubscriber<>(request);
        publisher.subscribe(subscriber);
        return subscriber;
    }

    /** Waits, bounded, for what the chain's workers do; returns as soon as it holds. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as(what).isNegative();
            Thread.sleep(1);
        }
    }

    @Test
    public void errorBeforeTheFirstContent_fallsOver_theAbandonedSubscriptionEnded_onlyTheWinnersPreamble()
            throws Throwable {
        Heads heads = new Heads();
        heads.primary = new ScriptedPublisher(d -> { }, "pre:message_start", OVERLOADED, "unreached");

        Flow.Publisher<String> answer = call(heads, "primary");
        assertThat(heads.primary.subscribed).as("cold: nothing runs before a subscription").hasValue(0);
        RecordingSubscriber<String> subscriber = subscribe(answer, Long.MAX_VALUE);

        assertThat(subscriber.awaitEnd()).isTrue();
        assertThat(subscriber.failure).isNull();
        assertThat(subscriber.received()).containsExactly("pre:role", "b1", "b2");
        assertThat(FallbackTrace.of(answer).attempts()).extracting(Attempt::provider, Attempt::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("primary", Outcome.FAILED),
                        org.assertj.core.groups.Tuple.tuple("secondary", Outcome.SUCCEEDED));
        assertThat(FallbackTrace.of((Object) answer)).isSameAs(FallbackTrace.of(answer));
        assertThat(heads.primary.allEnded()).isTrue();
        assertThat(heads.secondary.allEnded()).isTrue();
        assertThat(FallbackTrace.of(answer).toString()).doesNotContain(SECRET);
    }

    @Test
    public void errorAfterTheCommit_isStreamInterrupted_theSecondaryNeverSubscribed() throws Throwable {
        Heads heads = new Heads();
        heads.primary = new ScriptedPublisher(d -> { }, "pre:start", "a1", "a2", OVERLOADED, "unreached");

        RecordingSubscriber<String> subscriber = subscribe(call(heads, "primary"), Long.MAX_VALUE);

        assertThat(subscriber.awaitEnd()).isTrue();
        assertThat(subscriber.received()).containsExactly("pre:start", "a1", "a2");
        assertThat(subscriber.failure).isInstanceOf(StreamInterruptedException.class).hasCause(OVERLOADED);
        assertThat(((StreamInterruptedException) subscriber.failure).elementsEmitted()).isEqualTo(3);
        assertThat(subscriber.failure.getMessage()).doesNotContain(SECRET);
        assertThat(heads.secondary.subscribed).hasValue(0);
    }

    @Test
    public void demandIsRespected_theCommittedPublisherIsAskedOnlyForWhatTheSubscriberWants() throws Throwable {
        Heads heads = new Heads();
        heads.primary = new ScriptedPublisher(d -> { }, "pre:start", "a", "b", "c", "d");
        Flow.Publisher<String> answer = call(heads, "primary");

        RecordingSubscriber<String> subscriber = subscribe(answer, 0);
        await("the run commits", () -> !FallbackTrace.of(answer).attempts().isEmpty());
        assertThat(subscriber.received()).as("nothing without demand").isEmpty();
        assertThat(heads.primary.requested).as("read to the commit point only").hasValue(2);

        subscriber.subscription.request(3);
        await("three elements", () -> subscriber.received().size() == 3);
        assertThat(subscriber.received()).containsExactly("pre:start", "a", "b");
        assertThat(heads.primary.requested).as("the preamble is served from the buffer").hasValue(3);
        assertThat(subscriber.ended()).isFalse();

        subscriber.subscription.request(Long.MAX_VALUE);
        assertThat(subscriber.awaitEnd()).isTrue();
        assertThat(subscriber.received()).containsExactly("pre:start", "a", "b", "c", "d");
        assertThat(subscriber.completed).isTrue();
    }

    @Test
    public void cancellingAfterTheCommit_cancelsTheLinksPublisher() throws Throwable {
        Heads heads = new Heads();
        heads.primary = new ScriptedPublisher(d -> { }, "pre:start", "a", "b", "c");
        Flow.Publisher<String> answer = call(heads, "primary");

        RecordingSubscriber<String> subscriber = subscribe(answer, 2);
        await("two elements", () -> subscriber.received().size() == 2);
        subscriber.subscription.cancel();

        await("the upstream cancelled", () -> heads.primary.cancelled.get() == 1);
        assertThat(subscriber.received()).containsExactly("pre:start", "a");
        assertThat(subscriber.ended()).isFalse();
        assertThat(heads.secondary.subscribed).hasValue(0);
    }

    @Test
    public void eachSubscriptionRunsTheChainAgain() throws Throwable {
        Heads heads = new Heads();
        heads.primary = new ScriptedPublisher(d -> { }, "pre:start", "a");
        Flow.Publisher<String> answer = call(heads, "primary");

        RecordingSubscriber<String> first = subscribe(answer, Long.MAX_VALUE);
        assertThat(first.awaitEnd()).isTrue();
        RecordingSubscriber<String> second = subscribe(answer, Long.MAX_VALUE);
        assertThat(second.awaitEnd()).isTrue();

        assertThat(second.received()).isEqualTo(first.received()).containsExactly("pre:start", "a");
        assertThat(heads.primary.subscribed).hasValue(2);
    }

    @Test
    public void aPublisherClassAsTheHeadsType_isAMisconfiguration_namingTheFix() throws Throwable {
        Entry.Deferred entry = (Entry.Deferred) WovenChains.enter(Heads.class.getDeclaredMethod("concrete", String.class));

        assertThatThrownBy(() -> WovenChains.run(entry, new Heads(), new Object[] {SECRET})).isInstanceOf(FallbackConfigurationException.class)
                .hasMessageContaining("SubmissionPublisher").hasMessageContaining("Flow.Publisher<T>");
    }

    @Test
    public void aPublishingLinkUnderAHeadThatDoesNotStream_isAMisconfiguration() throws Throwable {
        Entry.Deferred entry = (Entry.Deferred) WovenChains.enter(Heads.class.getDeclaredMethod("plain", String.class));

        assertThatThrownBy(() -> WovenChains.run(entry, new Heads(), new Object[] {SECRET})).isInstanceOf(FallbackConfigurationException.class)
                .hasMessageContaining("streams").hasMessageContaining("a chain streams through every link");
    }
}
