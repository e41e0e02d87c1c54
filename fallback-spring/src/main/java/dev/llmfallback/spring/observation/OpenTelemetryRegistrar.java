package dev.llmfallback.spring.observation;

import dev.llmfallback.FallbackListener;
import dev.llmfallback.opentelemetry.OpenTelemetryFallbackListener;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Registers an {@link OpenTelemetryFallbackListener} for every chain of the process while the context runs, over the
 * context's {@code OpenTelemetry} bean if it has exactly one (looked up once every singleton exists, so that it does
 * not matter which auto-configuration made it). Unregisters it when the context closes. One per context.
 */
public final class OpenTelemetryRegistrar implements SmartInitializingSingleton, DisposableBean {

    private final ObjectProvider<OpenTelemetry> openTelemetry;
    private FallbackListener.Registration registration;

    /**
     * A registrar over the context's OpenTelemetry.
     *
     * @param openTelemetry the context's {@code OpenTelemetry} beans
     */
    public OpenTelemetryRegistrar(ObjectProvider<OpenTelemetry> openTelemetry) {
        this.openTelemetry = openTelemetry;
    }

    @Override
    public void afterSingletonsInstantiated() {
        OpenTelemetry found = openTelemetry.getIfUnique();
        if (found != null && registration == null) {
            registration = FallbackListener.register(new OpenTelemetryFallbackListener(found));
        }
    }

    /**
     * Whether the listener is registered.
     *
     * @return {@code true} while chains are traced through this context's OpenTelemetry
     */
    public boolean registered() {
        return registration != null;
    }

    @Override
    public void destroy() {
        if (registration != null) {
            registration.close();
            registration = null;
        }
    }
}
