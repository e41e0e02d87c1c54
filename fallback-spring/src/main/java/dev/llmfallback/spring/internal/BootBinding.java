package dev.llmfallback.spring.internal;

import dev.llmfallback.spring.LlmFallbackProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Binds {@link LlmFallbackProperties} with Spring Boot's binder (relaxed names, Boot's conversions); loaded only when
 * Boot is on the class path. Stateless.
 */
final class BootBinding {

    private BootBinding() {
    }

    /**
     * Binds {@code llm-fallback.*}.
     *
     * @throws org.springframework.boot.context.properties.bind.BindException naming the property whose value Boot
     *                                                                        cannot convert
     */
    static LlmFallbackProperties bind(ConfigurableEnvironment environment) {
        return Binder.get(environment).bind(ChainSettings.PREFIX, Bindable.of(LlmFallbackProperties.class))
                .orElseGet(LlmFallbackProperties::new);
    }
}
