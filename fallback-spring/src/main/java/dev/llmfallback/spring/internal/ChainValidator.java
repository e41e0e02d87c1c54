package dev.llmfallback.spring.internal;

import dev.llmfallback.FallbackConfigurationException;
import dev.llmfallback.LlmFallback;
import dev.llmfallback.weaving.WovenChains;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Resolves every {@code @LlmFallback} chain declared by a bean's class or its superclasses once every singleton is
 * instantiated, so that a misconfigured chain fails the context's start rather than every call (SPEC §8). Every
 * bean definition is checked, lazy and prototype ones included, by its type as the bean factory knows it; beans
 * whose type cannot be determined without creating them are left to the first call, which throws the same
 * exception. Classes woven by the agent or AspectJ are checked too: they report at class load only on
 * {@code System.err}.
 *
 * <p>A misconfiguration throws {@link FallbackConfigurationException} with the engine's message, which names the
 * class, the method, what is wrong and the fix; several are put in one exception, one message a line. Used once,
 * on the context's start-up thread.
 */
public final class ChainValidator implements SmartInitializingSingleton, BeanFactoryAware {

    private ConfigurableListableBeanFactory beanFactory;

    /** Made by Spring. */
    public ChainValidator() {
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
        if (beanFactory instanceof ConfigurableListableBeanFactory) {
            this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (beanFactory == null) {
            return;
        }
        List<String> problems = new ArrayList<>();
        Set<Class<?>> checked = new HashSet<>();
        for (String name : beanFactory.getBeanDefinitionNames()) {
            Class<?> type = typeOf(name);
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                if (checked.add(c) && declaresChains(c)) {
                    problems.addAll(WovenChains.misconfigurations(c));
                }
            }
        }
        if (problems.size() == 1) {
            throw new FallbackConfigurationException(problems.get(0));
        }
        if (!problems.isEmpty()) {
            throw new FallbackConfigurationException(problems.size() + " misconfigured @LlmFallback chains:\n"
                    + String.join("\n", problems));
        }
    }

    /** The bean's user class, or {@code null} if it cannot be known without creating the bean. */
    private Class<?> typeOf(String name) {
        try {
            Class<?> type = beanFactory.getType(name, false);
            if (type == null || Proxy.isProxyClass(type)) {
                return null;
            }
            return ClassUtils.getUserClass(type);
        } catch (RuntimeException | LinkageError unknowable) {
            // Not ours to report: a bean whose class cannot be loaded fails the context on its own.
            return null;
        }
    }

    private static boolean declaresChains(Class<?> type) {
        try {
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(LlmFallback.class)) {
                    return true;
                }
            }
            return false;
        } catch (LinkageError unloadable) {
            return false;
        }
    }
}
