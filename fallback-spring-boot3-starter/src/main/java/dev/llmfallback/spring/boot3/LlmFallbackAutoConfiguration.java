package dev.llmfallback.spring.boot3;

import dev.llmfallback.spring.LlmFallbackConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configures llm-fallback in a Spring Boot 3.5 application: the Spring AOP front door for {@code @LlmFallback}
 * beans that no java agent or AspectJ weaving intercepts, and the start-up validation of every chain on a bean
 * class ({@link LlmFallbackConfiguration} says what each does). An application that also uses
 * {@code @EnableLlmFallback} gets the same beans once.
 */
@AutoConfiguration
@Import(LlmFallbackConfiguration.class)
public class LlmFallbackAutoConfiguration {

    /** Made by Spring Boot. */
    public LlmFallbackAutoConfiguration() {
    }
}
