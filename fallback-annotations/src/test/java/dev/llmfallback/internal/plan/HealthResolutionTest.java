package dev.llmfallback.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmfallback.FallbackConfigurationException;
import dev.llmfallback.HealthPolicy;
import dev.llmfallback.LlmFallback;
import dev.llmfallback.OutageCooldown;
import dev.llmfallback.ProviderHealth;
import dev.llmfallback.internal.run.Chain;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/** {@code @LlmFallback(health = ...)} resolved like a predicate: shared instance, §8 message when unusable. */
class HealthResolutionTest {

    static class Client {
        @LlmFallback(next = "fallback", provider = "health-resolution-anthropic", health = OutageCooldown.class)
        String head(String prompt) {
            return "head";
        }

        String fallback(String prompt) {
            return "fallback";
        }

        @LlmFallback(next = "fallback", health = Unusable.class)
        String broken(String prompt) {
            return "broken";
        }
    }

    /** A policy without INSTANCE or a public no-arg constructor. */
    static final class Unusable implements HealthPolicy {
        Unusable(int unused) {
        }

        @Override
        public Cooldown cooldown(Throwable failure, boolean movedOn, Streak streak) {
            return Cooldown.NONE;
        }
    }

    @Test
    public void aHealthPolicy_isResolvedOnce_andKeyedByTheProviderLabel() throws Exception {
        Method head = Client.class.getDeclaredMethod("head", String.class);
        Chain chain = AnnotatedChains.plan(head).chain();

        assertThat(chain.link(0).health()).isNotNull();
        assertThat(chain.link(0).health().policy()).isSameAs(OutageCooldown.INSTANCE);
        assertThat(chain.link(0).health().cell().provider()).isEqualTo("health-resolution-anthropic");
        assertThat(chain.link(1).health()).as("an unannotated last link never cools").isNull();
        assertThat(ProviderHealth.shared().state("health-resolution-anthropic").status())
                .isEqualTo(ProviderHealth.Status.HEALTHY);
    }

    @Test
    public void anUnusablePolicyClass_isAMisconfiguration_withTheFix() throws Exception {
        Method broken = Client.class.getDeclaredMethod("broken", String.class);

        assertThatThrownBy(() -> AnnotatedChains.plan(broken)).isInstanceOf(FallbackConfigurationException.class)
                .hasMessageContaining("Client.broken(String)")
                .hasMessageContaining("health = " + Unusable.class.getName() + ".class cannot be used")
                .hasMessageContaining("Fix: give Unusable a public static final INSTANCE field");
    }
}
