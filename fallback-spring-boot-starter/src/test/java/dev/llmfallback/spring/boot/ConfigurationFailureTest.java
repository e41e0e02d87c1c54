package dev.llmfallback.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmfallback.FallbackConfigurationException;
import dev.llmfallback.spring.boot.app.TunedApp;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;

/**
 * Bad configuration fails the application's start, never a request: an unresolvable placeholder or a bad value in a
 * chain's settings with the SPEC §8 message, a property key that names no provider or chain with the names it could
 * have meant, a value Boot cannot convert with Boot's own binding message. Each case starts {@link TunedApp} (its
 * settings complete but for the one under test); no provider is ever called, so the fakes' addresses are dummies.
 */
class ConfigurationFailureTest {

    static Throwable startFailure(String... settings) {
        List<String> properties = new ArrayList<>(List.of(
                "fake.anthropic.url=http://127.0.0.1:9", "fake.openai.url=http://127.0.0.1:9"));
        properties.addAll(List.of(settings));
        Throwable thrown = catchThrowable(() -> new SpringApplicationBuilder(TunedApp.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(properties.toArray(String[]::new))
                .run()
                .close());
        assertThat(thrown).as("the application must not start").isNotNull();
        return thrown;
    }

    @Test
    void unresolvablePlaceholder_failsTheStart_namingTheChainAndThePlaceholder() {
        Throwable thrown = startFailure();

        assertThat(thrown).isInstanceOf(FallbackConfigurationException.class);
        assertThat(thrown.getMessage())
                .startsWith("Invalid @LlmFallback on TunedSummaries.summarizeWithin(String): ")
                .contains("timeout = \"${summaries.timeout}\" cannot be resolved", "summaries.timeout", "Fix: ");
    }

    @Test
    void placeholderThatIsNoDuration_failsTheStart() {
        Throwable thrown = startFailure("summaries.timeout=fast");

        assertThat(thrown).isInstanceOf(FallbackConfigurationException.class);
        assertThat(thrown.getMessage())
                .startsWith("Invalid @LlmFallback on TunedSummaries.summarizeWithin(String): ")
                .contains("timeout = \"${summaries.timeout}\" resolves to \"fast\" is not a duration");
    }

    @Test
    void unknownProviderKey_failsTheStart_withTheNameItMeant() {
        Throwable thrown = startFailure("summaries.timeout=1s", "llm-fallback.providers.antropic.timeout=2s");

        assertThat(thrown).isInstanceOf(FallbackConfigurationException.class);
        assertThat(thrown.getMessage())
                .startsWith("Invalid llm-fallback.providers.antropic: ")
                .contains("did you mean \"anthropic\"?", "Known: anthropic, anthropic-batch, claude, openai, probe");
    }

    @Test
    void unknownChainKey_failsTheStart_withTheNameItMeant() {
        Throwable thrown = startFailure("summaries.timeout=1s",
                "llm-fallback.chains.[TunedSummaries.summarise].deadline=2s");

        assertThat(thrown).isInstanceOf(FallbackConfigurationException.class);
        assertThat(thrown.getMessage())
                .startsWith("Invalid llm-fallback.chains.[TunedSummaries.summarise]: ")
                .contains("did you mean \"TunedSummaries.summarize\"?");
    }

    @Test
    void nonPositiveTimeout_failsTheStart_namingTheProperty() {
        Throwable thrown = startFailure("summaries.timeout=1s", "llm-fallback.providers.anthropic.timeout=0s");

        assertThat(thrown).isInstanceOf(FallbackConfigurationException.class);
        assertThat(thrown.getMessage())
                .startsWith("Invalid @LlmFallback on TunedSummaries.summarize(String): ")
                .contains("llm-fallback.providers.anthropic.timeout = PT0S is not a positive timeout");
    }

    @Test
    void contradictoryHealthSettings_failTheStart_namingTheProperties() {
        Throwable thrown = startFailure("summaries.timeout=1s",
                "llm-fallback.providers.anthropic.health.overloaded=30s",
                "llm-fallback.providers.anthropic.health.overloaded-max=10s");

        assertThat(NestedExceptionUtils.getMostSpecificCause(thrown))
                .isInstanceOf(FallbackConfigurationException.class)
                .hasMessageStartingWith("Invalid llm-fallback.providers.anthropic.health: ")
                .hasMessageContaining("overloaded max must be at least PT30S");
    }

    @Test
    void valueBootCannotConvert_failsTheStart_namingTheProperty() {
        Throwable thrown = startFailure("summaries.timeout=1s", "llm-fallback.providers.anthropic.timeout=soon");

        assertThat(thrown).extracting(Throwable::getMessage, InstanceOfAssertFactories.STRING)
                .contains("llm-fallback.providers.anthropic.timeout");
        assertThat(thrown.getClass().getSimpleName()).isEqualTo("BindException");
    }
}
