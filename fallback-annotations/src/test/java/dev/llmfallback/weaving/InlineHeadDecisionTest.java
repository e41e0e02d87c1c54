package dev.llmfallback.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmfallback.Attempt;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.HealthPolicy;
import dev.llmfallback.LlmFallback;
import dev.llmfallback.OutageCooldown;
import dev.llmfallback.ProviderHealth;
import dev.llmfallback.internal.plan.PlanOverrides;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Whether {@link WovenChains#enter} lets the woven method run its head in place: decided once per head for what
 * is fixed (no timeout, no deadline, not streaming), on every call for the head provider's health, and again for
 * a head the thread kept when the application's settings change.
 */
class InlineHeadDecisionTest {

    private static final String HEALTHY = "withHealth(Ljava/lang/String;)Ljava/lang/String;";
    private static final String PLAIN = "plain(Ljava/lang/String;)Ljava/lang/String;";

    static class Client {
        final AtomicInteger headBodies = new AtomicInteger();

        @LlmFallback(next = "fallback", provider = "inline-decision-health", health = OutageCooldown.class)
        String withHealth(String prompt) {
            headBodies.incrementAndGet();
            return "head";
        }

        @LlmFallback(next = "fallback", provider = "inline-decision-plain")
        String plain(String prompt) {
            headBodies.incrementAndGet();
            return "plain";
        }

        String fallback(String prompt) {
            return "fallback";
        }
    }

    @Test
    public void aHeadWithHealth_runsInPlaceOnlyWhileItsProviderIsHealthy() throws Throwable {
        Client client = new Client();
        String provider = "inline-decision-health";
        try {
            Entry healthy = WovenChains.enter(Client.class, HEALTHY);
            assertThat(healthy).isInstanceOf(Entry.Started.class);
            WovenChains.answered((Entry.Started) healthy);

            ProviderHealth.shared().forceOpen(provider, Duration.ofHours(1));
            Entry cooling = WovenChains.enter(Client.class, HEALTHY);
            assertThat(cooling).as("the same head, kept by the thread, now unhealthy").isInstanceOf(Entry.Deferred.class);
            assertThat(WovenChains.run((Entry.Deferred) cooling, client, new Object[] {"p"})).isEqualTo("fallback");
            assertThat(client.headBodies).as("the engine skipped the cooling head").hasValue(0);
            assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                    .containsExactly(Attempt.Outcome.SKIPPED_UNHEALTHY, Attempt.Outcome.SUCCEEDED);

            ProviderHealth.shared().reset(provider);
            Entry recovered = WovenChains.enter(Client.class, HEALTHY);
            assertThat(recovered).isInstanceOf(Entry.Started.class);
            WovenChains.answered((Entry.Started) recovered);
        } finally {
            ProviderHealth.shared().reset(provider);
        }
    }

    @Test
    public void aKeptHead_isDecidedAgain_whenTheSettingsGiveItATimeoutOrHealth() throws Throwable {
        String provider = "inline-decision-plain";
        Entry before = WovenChains.enter(Client.class, PLAIN);
        assertThat(before).isInstanceOf(Entry.Started.class);
        WovenChains.answered((Entry.Started) before);

        PlanOverrides.Installation timed = PlanOverrides.install(new PlanOverrides.Source() {
            @Override
            public PlanOverrides.Setting<Duration> timeout(String label) {
                return label.equals(provider) ? new PlanOverrides.Setting<>(Duration.ofSeconds(5), "test.timeout") : null;
            }
        });
        try {
            assertThat(WovenChains.enter(Client.class, PLAIN)).as("a timeout needs the engine to invoke the head")
                    .isInstanceOf(Entry.Deferred.class);
        } finally {
            timed.close();
        }

        PlanOverrides.Installation health = PlanOverrides.install(new PlanOverrides.Source() {
            @Override
            public PlanOverrides.Setting<HealthPolicy> health(String label) {
                return label.equals(provider) ? new PlanOverrides.Setting<>(OutageCooldown.INSTANCE, "test.health") : null;
            }
        });
        try {
            ProviderHealth.shared().forceOpen(provider, Duration.ofHours(1));
            Entry cooling = WovenChains.enter(Client.class, PLAIN);
            assertThat(cooling).as("health given by the settings is asked on entry").isInstanceOf(Entry.Deferred.class);
            Client client = new Client();
            assertThat(WovenChains.run((Entry.Deferred) cooling, client, new Object[] {"p"})).isEqualTo("fallback");
            assertThat(client.headBodies).hasValue(0);
        } finally {
            health.close();
            ProviderHealth.shared().reset(provider);
        }

        Entry after = WovenChains.enter(Client.class, PLAIN);
        assertThat(after).as("the annotations again").isInstanceOf(Entry.Started.class);
        WovenChains.answered((Entry.Started) after);
    }
}
