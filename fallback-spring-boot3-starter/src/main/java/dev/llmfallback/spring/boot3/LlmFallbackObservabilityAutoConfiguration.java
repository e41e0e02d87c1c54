package dev.llmfallback.spring.boot3;

import dev.llmfallback.spring.observation.ObservabilityConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configures llm-fallback's metrics and tracing in a Spring Boot 3.5 application, each when its module
 * ({@code fallback-micrometer}, {@code fallback-opentelemetry}) is on the class path; shared with the other Boot
 * version's starter ({@link ObservabilityConfiguration} says what each does).
 */
@AutoConfiguration(after = LlmFallbackAutoConfiguration.class)
@Import(ObservabilityConfiguration.class)
public class LlmFallbackObservabilityAutoConfiguration {

    /** Made by Spring Boot. */
    public LlmFallbackObservabilityAutoConfiguration() {
    }
}
