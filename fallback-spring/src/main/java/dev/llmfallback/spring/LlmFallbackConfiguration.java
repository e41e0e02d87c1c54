package dev.llmfallback.spring;

import dev.llmfallback.spring.internal.ChainSettings;
import dev.llmfallback.spring.internal.ChainValidator;
import dev.llmfallback.spring.internal.ContextPropagationInstaller;
import dev.llmfallback.spring.internal.ClassProxyingRegistrar;
import dev.llmfallback.spring.internal.ProxyBypassWarnings;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;

/**
 * The beans that make {@code @LlmFallback} work in a Spring context, imported by {@link EnableLlmFallback} and by
 * the Spring Boot starters' auto-configuration:
 * <ul>
 *   <li>{@link LlmFallbackAdvisor}, picked up by the context's auto-proxy creator (registered here if the context
 *       has none) and forced to class-based (CGLIB) proxies, since chain heads are usually methods of a class
 *       rather than of an interface. Spring Boot proxies classes by default already; in a plain Spring context
 *       this switches every auto-proxy to CGLIB, as {@code @EnableTransactionManagement(proxyTargetClass = true)}
 *       would.</li>
 *   <li>The start-up validation: when every singleton is instantiated, every {@code @LlmFallback} chain declared
 *       by a bean's class (or its superclasses) is resolved; a misconfigured one fails the context's refresh with
 *       its {@link dev.llmfallback.FallbackConfigurationException}, whose message names the class, the method,
 *       what is wrong and the fix (SPEC §8). Classes the agent or AspectJ wove are validated too.</li>
 *   <li>The application's settings of annotated chains: {@code ${...}} placeholders in {@code timeout} and
 *       {@code deadline}, resolved against the environment, and the {@link LlmFallbackProperties} overrides, in
 *       force from before the first bean is created until the context closes.</li>
 *   <li>Context propagation onto timed attempts' worker threads ({@link ContextSnapshotPropagator}), when
 *       Micrometer's context-propagation is on the class path.</li>
 *   <li>Start-up warnings, when no java agent is active: one per head the proxy cannot intercept (private, final
 *       or static), and one per head called on {@code this} inside its own class, which bypasses the proxy.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@Import(ClassProxyingRegistrar.class)
@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
public class LlmFallbackConfiguration {

    /** Made by Spring. */
    public LlmFallbackConfiguration() {
    }

    /**
     * The Spring AOP front door.
     *
     * @return the advisor
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    public static LlmFallbackAdvisor llmFallbackAdvisor() {
        return new LlmFallbackAdvisor();
    }

    /**
     * The application's settings of annotated chains: placeholders and {@code llm-fallback.*} properties
     * ({@link LlmFallbackProperties}), in force from before the first bean is created until the context closes.
     *
     * @return the post-processor that installs them
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    public static ChainSettings llmFallbackChainSettings() {
        return new ChainSettings();
    }

    /**
     * Carries thread-local context onto timed attempts' worker threads ({@link ContextSnapshotPropagator}) when
     * Micrometer's context-propagation is on the class path.
     *
     * @return the installer
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    public static ContextPropagationInstaller llmFallbackContextPropagation() {
        return new ContextPropagationInstaller();
    }

    /**
     * The start-up validation of every chain on a bean class.
     *
     * @return the validator
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    public static ChainValidator llmFallbackChainValidator() {
        return new ChainValidator();
    }

    /**
     * The start-up warnings for heads the Spring AOP front door cannot intercept (private, final or static ones,
     * and those called on {@code this} inside their class), when no java agent weaves them.
     *
     * @return the warnings' bean
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    public static ProxyBypassWarnings llmFallbackProxyBypassWarnings() {
        return new ProxyBypassWarnings();
    }
}
