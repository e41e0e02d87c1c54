package dev.llmfallback.spring.observation;

import dev.llmfallback.micrometer.LlmFallbackMetrics;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Wires llm-fallback's metrics and tracing into a Spring Boot application, each when its module is on the class path:
 * <ul>
 *   <li>{@code fallback-micrometer} and Micrometer: an {@link LlmFallbackMetrics} bean. It is a {@code MeterBinder},
 *       so Spring Boot's metrics auto-configuration binds it to the application's {@code MeterRegistry} (the meters
 *       {@code llm_fallback.calls}, {@code llm_fallback.attempts}, {@code llm_fallback.provider.state},
 *       {@code llm_fallback.provider.transitions}); without a registry nothing is bound and chains pay nothing.</li>
 *   <li>{@code fallback-opentelemetry} and the OpenTelemetry API: when the context has exactly one
 *       {@code OpenTelemetry} bean, its listener is registered for every chain of the process while the context
 *       runs ({@link OpenTelemetryRegistrar}).</li>
 * </ul>
 * Imported by both Spring Boot starters' auto-configuration.
 */
@Configuration(proxyBeanMethods = false)
@Import({ObservabilityConfiguration.Metrics.class, ObservabilityConfiguration.Tracing.class})
public class ObservabilityConfiguration {

    /** Made by Spring. */
    public ObservabilityConfiguration() {
    }

    /** The meters, when fallback-micrometer and Micrometer are there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"io.micrometer.core.instrument.MeterRegistry",
            "dev.llmfallback.micrometer.LlmFallbackMetrics"})
    public static class Metrics {

        /** Made by Spring. */
        public Metrics() {
        }

        /**
         * The meter binder; closed (it stops recording) when the context closes.
         *
         * @return the binder
         */
        @Bean
        @ConditionalOnMissingBean
        public LlmFallbackMetrics llmFallbackMetrics() {
            return new LlmFallbackMetrics();
        }
    }

    /** The tracing listener, when fallback-opentelemetry and the OpenTelemetry API are there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"io.opentelemetry.api.OpenTelemetry",
            "dev.llmfallback.opentelemetry.OpenTelemetryFallbackListener"})
    public static class Tracing {

        /** Made by Spring. */
        public Tracing() {
        }

        /**
         * Registers the listener once the context's singletons exist, if there is an {@code OpenTelemetry} bean.
         *
         * @param openTelemetry the application's OpenTelemetry, if it has exactly one
         * @return the registrar
         */
        @Bean
        @ConditionalOnMissingBean
        public OpenTelemetryRegistrar llmFallbackOpenTelemetry(
                org.springframework.beans.factory.ObjectProvider<io.opentelemetry.api.OpenTelemetry> openTelemetry) {
            return new OpenTelemetryRegistrar(openTelemetry);
        }
    }
}
