package dev.llmfallback.spring.boot3;

import dev.llmfallback.spring.actuate.LlmFallbackEndpointConfiguration;
import dev.llmfallback.spring.actuate.ProviderHealthReport;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configures llm-fallback's actuator parts in a Spring Boot 3.5 application with the actuator on the class path:
 * the endpoint {@code llmfallback} (shared with the other Boot version's starter:
 * {@link LlmFallbackEndpointConfiguration}) and the health contributor {@code llmFallback}, which is this Boot
 * version's own ({@link LlmFallbackHealthIndicator}).
 */
@AutoConfiguration(after = LlmFallbackAutoConfiguration.class)
@Import(LlmFallbackEndpointConfiguration.class)
public class LlmFallbackActuatorAutoConfiguration {

    /** Made by Spring Boot. */
    public LlmFallbackActuatorAutoConfiguration() {
    }

    /** The health contributor, when this Boot version's health types and the actuator's endpoints are there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.boot.actuate.health.HealthIndicator",
            "org.springframework.boot.actuate.endpoint.annotation.Endpoint"})
    public static class HealthContributor {

        /** Made by Spring Boot. */
        public HealthContributor() {
        }

        /**
         * The health contributor {@code llmFallback}.
         *
         * @param report the providers' health
         * @return the indicator
         */
        @Bean
        @ConditionalOnMissingBean
        public LlmFallbackHealthIndicator llmFallbackHealthIndicator(ProviderHealthReport report) {
            return new LlmFallbackHealthIndicator(report);
        }
    }
}
