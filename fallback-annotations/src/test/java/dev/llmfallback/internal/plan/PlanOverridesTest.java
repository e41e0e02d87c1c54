package dev.llmfallback.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmfallback.FallbackConfigurationException;
import dev.llmfallback.HealthPolicy;
import dev.llmfallback.LlmFallback;
import dev.llmfallback.OutageCooldown;
import dev.llmfallback.internal.run.Chain;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An application's settings ({@link PlanOverrides}) change annotated chains: per provider label the timeout and
 * the health policy, per chain the deadline, and placeholders in {@code timeout}/{@code deadline}; a chain resolved
 * before a source is installed (or removed) is resolved again on its next use.
 */
class PlanOverridesTest {

    static class Client {
        @LlmFallback(next = "fallback", provider = "overrides-anthropic", timeout = "5s")
        String head(String prompt) {
            return "head";
        }

        @LlmFallback(provider = "overrides-openai")
        String fallback(String prompt) {
            return "fallback";
        }

        @LlmFallback(next = "fallback", provider = "overrides-placeholder", timeout = "${llm.timeout}",
                deadline = "${llm.deadline:30s}")
        String placeholders(String prompt) {
            return "placeholders";
        }

        @LlmFallback(next = "fallback", provider = "overrides-sync")
        synchronized String locked(String prompt) {
            return "locked";
        }
    }

    /** Resolves {@code ${name}} and {@code ${name:default}} from a map, as a Spring environment would. */
    record MapSource(Map<String, String> properties) implements PlanOverrides.Source {
        @Override
        public String resolve(String text) {
            if (!text.startsWith("${")) {
                return text;
            }
            String inside = text.substring(2, text.length() - 1);
            int colon = inside.indexOf(':');
            String name = colon < 0 ? inside : inside.substring(0, colon);
            String value = properties.getOrDefault(name, colon < 0 ? null : inside.substring(colon + 1));
            if (value == null) {
                throw new IllegalArgumentException("Could not resolve placeholder '" + name + "'");
            }
            return value;
        }
    }

    private static Method method(String name) throws NoSuchMethodException {
        return Client.class.getDeclaredMethod(name, String.class);
    }

    @Test
    void providerTimeoutHealthAndChainDeadline_replaceTheAnnotations_untilTheSourceIsRemoved() throws Exception {
        HealthPolicy cooldown = OutageCooldown.builder().overloaded(Duration.ofSeconds(1), Duration.ofSeconds(2)).build();
        Chain before = AnnotatedChains.plan(method("head")).chain();
        assertThat(before.link(0).timeoutNanos()).isEqualTo(Duration.ofSeconds(5).toNanos());
        assertThat(before.link(0).health()).isNull();

        PlanOverrides.Installation installed = PlanOverrides.install(new PlanOverrides.Source() {
            @Override
            public PlanOverrides.Setting<Duration> timeout(String provider) {
                return provider.equals("overrides-anthropic")
                        ? new PlanOverrides.Setting<>(Duration.ofMillis(200), "test.timeout") : null;
            }

            @Override
            public PlanOverrides.Setting<HealthPolicy> health(String provider) {
                return provider.equals("overrides-openai") ? new PlanOverrides.Setting<>(cooldown, "test.health") : null;
            }

            @Override
            public PlanOverrides.Setting<Duration> deadline(String chain) {
                return chain.equals("Client.head") ? new PlanOverrides.Setting<>(Duration.ofSeconds(3), "test.deadline")
                        : null;
            }
        });
        try {
            Chain during = AnnotatedChains.plan(method("head")).chain();

            assertThat(during.link(0).timeoutNanos()).isEqualTo(Duration.ofMillis(200).toNanos());
            assertThat(during.link(0).health()).as("anthropic's health is not configured").isNull();
            assertThat(during.link(1).timeoutNanos()).isZero();
            assertThat(during.link(1).health().policy()).isSameAs(cooldown);
            assertThat(during.deadlineNanos()).isEqualTo(Duration.ofSeconds(3).toNanos());
            assertThat(AnnotatedChains.plan(method("head")).chain()).as("resolved once per installation")
                    .isSameAs(during);
        } finally {
            installed.close();
        }

        Chain after = AnnotatedChains.plan(method("head")).chain();
        assertThat(after.link(0).timeoutNanos()).isEqualTo(Duration.ofSeconds(5).toNanos());
        assertThat(after.link(1).health()).isNull();
        assertThat(after.deadlineNanos()).isZero();
    }

    @Test
    void placeholders_resolveAgainstTheInstalledSource_andTheirDefaultsApply() throws Exception {
        PlanOverrides.Installation installed = PlanOverrides.install(new MapSource(Map.of("llm.timeout", "750ms")));
        try {
            Chain chain = AnnotatedChains.plan(method("placeholders")).chain();

            assertThat(chain.link(0).timeoutNanos()).isEqualTo(Duration.ofMillis(750).toNanos());
            assertThat(chain.deadlineNanos()).isEqualTo(Duration.ofSeconds(30).toNanos());
        } finally {
            installed.close();
        }
    }

    @Test
    void anUnresolvablePlaceholder_isAMisconfiguration_namingItAndTheFix() throws Exception {
        PlanOverrides.Installation installed = PlanOverrides.install(new MapSource(Map.of()));
        try {
            assertThatThrownBy(() -> AnnotatedChains.plan(method("placeholders")))
                    .isInstanceOf(FallbackConfigurationException.class)
                    .hasMessageStartingWith("Invalid @LlmFallback on Client.placeholders(String): ")
                    .hasMessageContaining("timeout = \"${llm.timeout}\" cannot be resolved: Could not resolve "
                            + "placeholder 'llm.timeout'")
                    .hasMessageContaining("Fix: define the property");
        } finally {
            installed.close();
        }
    }

    @Test
    void aPlaceholderThatResolvesToNoDuration_isAMisconfiguration() throws Exception {
        PlanOverrides.Installation installed = PlanOverrides.install(new MapSource(Map.of("llm.timeout", "soon")));
        try {
            assertThatThrownBy(() -> AnnotatedChains.plan(method("placeholders")))
                    .isInstanceOf(FallbackConfigurationException.class)
                    .hasMessageContaining("timeout = \"${llm.timeout}\" resolves to \"soon\" is not a duration")
                    .hasMessageContaining("Fix: set the property to a duration");
        } finally {
            installed.close();
        }
    }

    @Test
    void aPlaceholderWithNothingToResolveIt_saysWhereItWouldBeResolved() throws Exception {
        assertThatThrownBy(() -> AnnotatedChains.plan(method("placeholders")))
                .isInstanceOf(FallbackConfigurationException.class)
                .hasMessageContaining("has a placeholder, and nothing resolves placeholders in this JVM")
                .hasMessageContaining("@EnableLlmFallback");
    }

    @Test
    void aConfiguredNonPositiveTimeout_isAMisconfiguration_namingTheProperty() throws Exception {
        PlanOverrides.Installation installed = PlanOverrides.install(new PlanOverrides.Source() {
            @Override
            public PlanOverrides.Setting<Duration> timeout(String provider) {
                return new PlanOverrides.Setting<>(Duration.ZERO, "llm-fallback.providers." + provider + ".timeout");
            }
        });
        try {
            assertThatThrownBy(() -> AnnotatedChains.plan(method("head")))
                    .isInstanceOf(FallbackConfigurationException.class)
                    .hasMessageContaining("llm-fallback.providers.overrides-anthropic.timeout = PT0S is not a positive "
                            + "timeout")
                    .hasMessageContaining("Fix: set llm-fallback.providers.overrides-anthropic.timeout to a positive");
        } finally {
            installed.close();
        }
    }

    @Test
    void aConfiguredDeadlineOnASynchronizedHead_isRejected_namingWhereItWasSet() throws Exception {
        PlanOverrides.Installation installed = PlanOverrides.install(new PlanOverrides.Source() {
            @Override
            public PlanOverrides.Setting<Duration> deadline(String chain) {
                return new PlanOverrides.Setting<>(Duration.ofSeconds(2), "llm-fallback.chains.[" + chain + "].deadline");
            }
        });
        try {
            assertThatThrownBy(() -> AnnotatedChains.plan(method("locked")))
                    .isInstanceOf(FallbackConfigurationException.class)
                    .hasMessageContaining("it is synchronized, and llm-fallback.chains.[Client.locked].deadline = PT2S "
                            + "runs it on a worker thread");
        } finally {
            installed.close();
        }
    }

    @Test
    void aHeadKeptByAFrontDoor_turnsStale_whenTheSettingsChange() throws Exception {
        AnnotatedChains.Head kept = AnnotatedChains.head(method("head"));
        assertThat(kept.stale()).isFalse();

        PlanOverrides.Installation installed = PlanOverrides.install(PlanOverrides.NONE);
        try {
            assertThat(kept.stale()).isTrue();
            assertThat(AnnotatedChains.head(method("head"))).isNotSameAs(kept);
        } finally {
            installed.close();
        }
    }
}
