package dev.llmfallback.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * Turns on llm-fallback in a Spring application context that is not a Spring Boot application (Boot
 * applications add the starter instead, which does the same): imports {@link LlmFallbackConfiguration}. Put it
 * on one {@code @Configuration} class; importing it more than once is harmless.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(LlmFallbackConfiguration.class)
public @interface EnableLlmFallback {
}
