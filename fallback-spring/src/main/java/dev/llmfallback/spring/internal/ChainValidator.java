package dev.llmfallback.spring.internal;

import dev.llmfallback.FallbackConfigurationException;
import dev.llmfallback.LlmFallback;
import dev.llmfallback.weaving.WovenChains;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Resolves every {@code @LlmFallback} chain declared by a bean's class or its superclasses once every singleton is
 * instantiated, so that a misconfigured chain fails the context's start rather than every call (SPEC §8). Every
 * bean definition is checked, lazy and prototype ones included, by its type as the bean factory knows it; beans
 * whose type cannot be determined without creating them are left to the first call, which throws the same
 * exception. Classes woven by the agent or AspectJ are checked too: they report at class load only on
 * {@code System.err}. Then every {@code llm-fallback.providers} and {@code llm-fallback.chains} key must name a
 * provider label or chain of those classes: a typo in a key would otherwise be ignored in silence.
 *
 * <p>A misconfiguration throws {@link FallbackConfigurationException} with the engine's message, which names the
 * class, the method, what is wrong and the fix; several are put in one exception, one message a line. Used once,
 * on the context's start-up thread.
 */
public final class ChainValidator implements SmartInitializingSingleton, BeanFactoryAware {

    private ConfigurableListableBeanFactory beanFactory;
    private volatile List<Method> heads = List.of();

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
        List<Method> found = new ArrayList<>();
        for (String name : beanFactory.getBeanDefinitionNames()) {
            Class<?> type = BeanClasses.userClassOf(beanFactory, name);
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                if (checked.add(c) && declaresChains(c)) {
                    problems.addAll(WovenChains.misconfigurations(c));
                    found.addAll(annotatedMethods(c));
                }
            }
        }
        heads = List.copyOf(found);
        if (problems.isEmpty()) {
            ChainSettings settings = beanFactory.getBeanProvider(ChainSettings.class).getIfAvailable();
            if (settings != null) {
                problems.addAll(UnknownKeys.of(settings.properties(), heads));
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

    /**
     * Every {@code @LlmFallback} method of the context's bean classes (each is the head of a chain when it is called),
     * ordered by class and signature; found when the context started.
     *
     * @return an unmodifiable list; empty before the start
     */
    public List<Method> heads() {
        return heads;
    }

    private static List<Method> annotatedMethods(Class<?> type) {
        List<Method> annotated = new ArrayList<>();
        for (Method method : type.getDeclaredMethods()) {
            if (!method.isBridge() && !method.isSynthetic() && method.isAnnotationPresent(LlmFallback.class)) {
                annotated.add(method);
            }
        }
        annotated.sort(java.util.Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
        return annotated;
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
