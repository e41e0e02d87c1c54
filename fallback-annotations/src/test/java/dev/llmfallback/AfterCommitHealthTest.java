package dev.llmfallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmfallback.internal.health.HealthRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Flow;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Failures after the commit count for provider health (SPEC §9, §13): a provider that breaks off its streams
 * cools like one that fails before them, judged the same way (the link's {@code skipOn} and health policy),
 * for {@link Stream} and publisher answers, idle timeouts included. On a fake clock.
 */
class AfterCommitHealthTest {

    private static final String PROMPT = "after-commit-health";

    private final FakeScheduler clock = new FakeScheduler();
    private final ProviderHealth health = new ProviderHealth(new HealthRegistry(clock::nanoTime,
            Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC)));

    private FallbackChain.Builder<String, String> builder() {
        return FallbackChain.<String, String>builder().scheduler(clock).health(OutageCooldown.INSTANCE)
                .healthRegistry(health);
    }

    private static Stream<String> failingAfter(String element, RuntimeException failure) {
        return Stream.of(element, "!").map(e -> {
            if (e.equals("!")) {
                throw failure;
            }
            return e;
        });
    }

    @Test
    public void overloadedAfterTheCommit_coolsTheProvider_streams() throws Exception {
        FallbackChain<String, String> chain = builder()
                .streamingProvider("anthropic", p -> failingAfter("Hello", new StatusFailure(529)))
                .streamingProvider("openai", p -> Stream.of("never"))
                .build();

        Throwable thrown = catchThrowable(() -> chain.stream(PROMPT).forEach(e -> { }));

        assertThat(thrown).isInstanceOf(StreamInterruptedException.class);
        assertThat(health.state("anthropic").status()).isEqualTo(ProviderHealth.Status.COOLING);
        assertThat(health.state("anthropic").reason()).contains("529");
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                .as("the trace keeps the commit as it was").containsExactly(Attempt.Outcome.SUCCEEDED);
    }

    @Test
    public void aFailureSkipOnStopsFor_neverCools() throws Exception {
        FallbackChain<String, String> chain = builder()
                .streamingProvider("anthropic", p -> failingAfter("Hello", new StatusFailure(400)))
                .build();

        catchThrowable(() -> chain.stream(PROMPT).forEach(e -> { }));

        assertThat(health.state("anthropic").status()).isEqualTo(ProviderHealth.Status.HEALTHY);
    }

    @Test
    public void overloadedAfterTheCommit_coolsTheProvider_publishers() {
        Flow.Publisher<String> answer = builder()
                .publishingProvider("anthropic", p -> new ScriptedPublisher(clock::skip, "Hello", new StatusFailure(503)))
                .build().publish(PROMPT);

        RecordingSubscriber<String> subscriber = new RecordingSubscriber<>(Long.MAX_VALUE);
        answer.subscribe(subscriber);

        assertThat(subscriber.failure).isInstanceOf(StreamInterruptedException.class);
        assertThat(health.state("anthropic").status()).isEqualTo(ProviderHealth.Status.COOLING);
    }

    @Test
    public void idleTimeoutAfterTheCommit_isReportedAsATimeout() {
        // OutageCooldown cools on timeouts only after 3 in a row, and every commit is a success that ends a
        // streak; a policy that cools on the first timeout shows that the idle timeout reaches health.
        HealthPolicy coolsOnTimeouts = (failure, movedOn, streak) -> failure instanceof java.util.concurrent.TimeoutException
                ? new HealthPolicy.Cooldown(Duration.ofSeconds(10), "idle", false) : HealthPolicy.Cooldown.NONE;
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder().scheduler(clock)
                .healthRegistry(health).health(coolsOnTimeouts)
                .publishingProvider("anthropic", p -> new ScriptedPublisher(clock::skip, "Hello", ScriptedPublisher.STALL))
                .idleTimeout(Duration.ofSeconds(5))
                .build();

        RecordingSubscriber<String> subscriber = new RecordingSubscriber<>(Long.MAX_VALUE);
        chain.publish(PROMPT).subscribe(subscriber);
        assertThat(health.state("anthropic").status()).isEqualTo(ProviderHealth.Status.HEALTHY);
        clock.advance(Duration.ofSeconds(5));

        assertThat(subscriber.failure).isInstanceOf(StreamInterruptedException.class);
        assertThat(health.state("anthropic").status()).isEqualTo(ProviderHealth.Status.COOLING);
        assertThat(health.state("anthropic").reason()).isEqualTo("idle");
    }
}
