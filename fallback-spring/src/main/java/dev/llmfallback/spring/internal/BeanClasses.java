package dev.llmfallback.spring.internal;

import java.lang.reflect.Proxy;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * The classes of a context's beans as the start-up checks read them: without creating a bean. Stateless;
 * thread-safe as the bean factory is.
 */
final class BeanClasses {

    private BeanClasses() {
    }

    /**
     * A bean's user class (the class the application wrote, not a CGLIB subclass).
     *
     * @param beanFactory the context's bean factory
     * @param name        a bean definition's name
     * @return the class, or {@code null} if it cannot be known without creating the bean, or is a JDK proxy
     */
    static Class<?> userClassOf(ConfigurableListableBeanFactory beanFactory, String name) {
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
}
