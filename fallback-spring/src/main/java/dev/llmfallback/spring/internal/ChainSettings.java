package dev.llmfallback.spring.internal;

import dev.llmfallback.internal.plan.PlanOverrides;
import dev.llmfallback.spring.LlmFallbackProperties;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Puts the application's settings of annotated chains in force as early as the context allows, before any bean is
 * created: {@code ${...}} placeholders in {@code timeout}/{@code deadline} resolve against the context's environment,
 * and the {@code llm-fallback.*} properties ({@link LlmFallbackProperties}, bound with Spring Boot's binder when it
 * is on the class path) override per provider and per chain. The settings are the engine's process-wide
 * {@link PlanOverrides}; they are taken out of force when the context closes (or fails to start). A bad value fails
 * the context's refresh: a value Boot cannot convert with Boot's binding message, a bad combination with a
 * {@link dev.llmfallback.FallbackConfigurationException} naming the properties; keys that name no chain or provider
 * are reported by {@link ChainValidator}. One per context; its methods run on the context's start-up and shutdown
 * threads.
 */
public final class ChainSettings implements BeanFactoryPostProcessor, EnvironmentAware, DisposableBean, Ordered {

    /** The properties' prefix. */
    static final String PREFIX = "llm-fallback";

    private static final boolean BOOT_BINDER =
            ClassUtils.isPresent("org.springframework.boot.context.properties.bind.Binder", ChainSettings.class.getClassLoader());

    private Environment environment = new StandardEnvironment();
    private LlmFallbackProperties properties = new LlmFallbackProperties();
    private PlanOverrides.Installation installed;

    /** Made by Spring. */
    public ChainSettings() {
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public int getOrder() {
        // Before other post-processors, which may look at bean classes (and so resolve their chains).
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
        if (installed != null) {
            return;
        }
        if (BOOT_BINDER && environment instanceof ConfigurableEnvironment) {
            properties = BootBinding.bind((ConfigurableEnvironment) environment);
        }
        installed = PlanOverrides.install(new PropertyOverrides(environment, properties));
    }

    /**
     * The bound properties.
     *
     * @return the properties; defaults until the bean factory is post-processed
     */
    public LlmFallbackProperties properties() {
        return properties;
    }

    @Override
    public void destroy() {
        if (installed != null) {
            installed.close();
            installed = null;
        }
    }
}
