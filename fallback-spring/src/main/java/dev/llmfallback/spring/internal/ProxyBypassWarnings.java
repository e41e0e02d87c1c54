package dev.llmfallback.spring.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Warns once at start-up, when the Spring AOP front door runs the chains (no java agent in the JVM), for each
 * {@code @LlmFallback} head of a bean class whose calls that door cannot see ({@link UninterceptableHeads}): a
 * private, final or static head, and a head called on {@code this} inside its own class. Such a call runs the
 * head's body alone: its failure escapes instead of falling over, and nothing else would say why. One warning per
 * head, logged at start-up through Spring's logging (category {@code dev.llmfallback.spring}); classes the agent or
 * AspectJ weave are left out (they have no such hole). Bean classes are found as {@link ChainValidator} finds them.
 * Used once, on the context's start-up thread.
 */
public final class ProxyBypassWarnings implements SmartInitializingSingleton, BeanFactoryAware {

    /** The category the warnings are logged under. */
    public static final String LOG_CATEGORY = "dev.llmfallback.spring";

    private static final Log log = LogFactory.getLog(LOG_CATEGORY);

    private ConfigurableListableBeanFactory beanFactory;

    /** Made by Spring. */
    public ProxyBypassWarnings() {
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
        if (beanFactory instanceof ConfigurableListableBeanFactory) {
            this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (beanFactory == null || System.getProperty(Weaving.AGENT_ACTIVE) != null || !log.isWarnEnabled()) {
            return;
        }
        for (String warning : warnings()) {
            log.warn(warning);
        }
    }

    /**
     * What {@link #afterSingletonsInstantiated()} logs.
     *
     * @return one line per head whose calls the proxy cannot see
     */
    List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        Set<Class<?>> checked = new HashSet<>();
        for (String name : beanFactory.getBeanDefinitionNames()) {
            for (Class<?> c = BeanClasses.userClassOf(beanFactory, name); c != null && c != Object.class; c = c.getSuperclass()) {
                if (checked.add(c)) {
                    warnings.addAll(UninterceptableHeads.of(c));
                }
            }
        }
        return warnings;
    }

}
