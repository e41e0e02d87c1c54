package dev.llmfallback.spring.internal;

import dev.llmfallback.LlmFallback;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.springframework.aop.support.StaticMethodMatcherPointcut;

/**
 * Matches the {@code @LlmFallback} methods that the Spring advisor runs the chains of: those a class-based proxy
 * can intercept (not static, private or final) whose declaring class no other front door weaves ({@link
 * Weaving#NONE}). Spring resolves the most specific method of the target class before asking, so an override
 * without the annotation is not matched (annotations on methods are not inherited). Stateless and thread-safe.
 */
public final class HeadPointcut extends StaticMethodMatcherPointcut {

    /** Creates the pointcut. */
    public HeadPointcut() {
    }

    @Override
    public boolean matches(Method method, Class<?> targetClass) {
        return isProxiedHead(method);
    }

    /**
     * Whether the Spring advisor runs the chain of {@code method} when it is called through a proxy.
     *
     * @param method a method of a bean class
     * @return {@code true} if {@code method} is an {@code @LlmFallback} method a proxy can intercept, of a class no
     *         other front door weaves
     */
    static boolean isProxiedHead(Method method) {
        int modifiers = method.getModifiers();
        return !Modifier.isStatic(modifiers) && !Modifier.isPrivate(modifiers) && !Modifier.isFinal(modifiers)
                && !method.isBridge() && !method.isSynthetic() && method.isAnnotationPresent(LlmFallback.class)
                && Weaving.of(method.getDeclaringClass()) == Weaving.NONE;
    }
}
