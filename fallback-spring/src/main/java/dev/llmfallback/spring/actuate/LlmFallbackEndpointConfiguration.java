package dev.llmfallback.spring.actuate;

import dev.llmfallback.spring.internal.ChainValidator;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the {@code llmfallback} endpoint and the report behind it (which each starter's health indicator also
 * uses) when the actuator is on the class path. Imported by both Spring Boot starters' auto-configuration.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
public class LlmFallbackEndpointConfiguration {

    /** Made by Spring. */
    public LlmFallbackEndpointConfiguration() {
    }

    /**
     * The report over the context's chains and the providers' health.
     *
     * @param chains the start-up validation, which knows the chains
     * @return the report
     */
    @Bean
    @ConditionalOnMissingBean
    public ProviderHealthReport llmFallbackHealthReport(ChainValidator chains) {
        return new ProviderHealthReport(chains, Clock.systemUTC());
    }

    /**
     * The endpoint.
     *
     * @param report what it shows
     * @return the endpoint
     */
    @Bean
    @ConditionalOnMissingBean
    public LlmFallbackEndpoint llmFallbackEndpoint(ProviderHealthReport report) {
        return new LlmFallbackEndpoint(report);
    }
}
