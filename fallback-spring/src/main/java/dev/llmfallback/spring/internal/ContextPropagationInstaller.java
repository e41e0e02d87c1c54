package dev.llmfallback.spring.internal;

import dev.llmfallback.spring.ContextSnapshotPropagator;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Fills the {@link PropagatorSlot} with a {@link ContextSnapshotPropagator} while the context runs, when Micrometer's
 * context-propagation is on the class path and {@code llm-fallback.context-propagation.enabled} is not
 * {@code false}; empties it when the context closes. One per context.
 */
public final class ContextPropagationInstaller implements InitializingBean, DisposableBean, EnvironmentAware {

    /** The property that turns propagation off. */
    static final String ENABLED = ChainSettings.PREFIX + ".context-propagation.enabled";

    private static final boolean PRESENT = ClassUtils.isPresent("io.micrometer.context.ContextSnapshotFactory",
            ContextPropagationInstaller.class.getClassLoader());

    private Environment environment;
    private AutoCloseable filled;

    /** Made by Spring. */
    public ContextPropagationInstaller() {
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        boolean enabled = environment == null || environment.getProperty(ENABLED, Boolean.class, true);
        if (PRESENT && enabled) {
            filled = PropagatorSlot.fill(new ContextSnapshotPropagator());
        }
    }

    /**
     * Whether this context carries context onto timed attempts' worker threads.
     *
     * @return {@code true} while its propagator is in the slot
     */
    public boolean active() {
        return filled != null;
    }

    @Override
    public void destroy() throws Exception {
        if (filled != null) {
            filled.close();
            filled = null;
        }
    }
}
