package dev.llmfallback.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmfallback.FallbackConfigurationException;
import dev.llmfallback.spring.boot.app.MisconfiguredApp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A misconfigured chain on a bean class fails the Boot application's start, with the SPEC §8 message. */
class StartupValidationTest {

    @Test
    void typoInNext_failsTheStart_namingClassMethodAndFix() {
        Throwable thrown = catchThrowable(() -> new SpringApplicationBuilder(MisconfiguredApp.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run());

        assertThat(thrown).isInstanceOf(FallbackConfigurationException.class);
        assertThat(thrown.getMessage())
                .startsWith("Invalid @LlmFallback on Typo.callAnthropic(String): ")
                .contains("next = \"callOpenAl\"", "did you mean \"callOpenAi\"", "Fix: ");
    }
}
