package dev.llmfallback.spring.internal;

import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Makes sure the context has an auto-proxy creator, which applies {@link dev.llmfallback.spring.LlmFallbackAdvisor}
 * to the beans it matches, and that it proxies classes (CGLIB) rather than interfaces: a chain head is usually a
 * method of a class. An auto-proxy creator the context already has (Spring Boot's, or
 * {@code @EnableAspectJAutoProxy}'s) is kept, and only switched to class proxies. Stateless.
 */
public final class ClassProxyingRegistrar implements ImportBeanDefinitionRegistrar {

    /** Made by Spring. */
    public ClassProxyingRegistrar() {
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata importingClassMetadata, BeanDefinitionRegistry registry) {
        AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
        AopConfigUtils.forceAutoProxyCreatorToUseClassProxying(registry);
    }
}
