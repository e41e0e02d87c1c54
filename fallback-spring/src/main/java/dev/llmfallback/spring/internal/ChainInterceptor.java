package dev.llmfallback.spring.internal;

import dev.llmfallback.weaving.Entry;
import dev.llmfallback.weaving.WovenChains;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.BridgeMethodResolver;

/**
 * Runs a head's chain for a call through a Spring proxy, through the weaving ABI exactly as the agent's and the
 * aspect's advice do ({@link WovenChains}): the engine says what this execution is; a link of a running chain
 * runs its body only; a chain the engine must run (a timeout, a deadline, an async head, a misconfiguration) is
 * handed the raw target and the arguments; otherwise the head's body runs in place ({@link
 * MethodInvocation#proceed()}, which ends at the target, since this is the innermost advice) and a failure is
 * handed to the engine, which runs the next links on the raw target, never through the proxy. Stateless but for
 * a cache of resolved methods; thread-safe.
 */
public final class ChainInterceptor implements MethodInterceptor {

    /** The annotated method behind a proxy's method, per target class; filled once per pair. */
    private final Map<MethodKey, Optional<Method>> heads = new ConcurrentHashMap<>();

    /** Creates the interceptor. */
    public ChainInterceptor() {
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Object target = invocation.getThis();
        Method head = head(invocation.getMethod(), target);
        if (head == null) {
            return invocation.proceed();
        }
        Entry entry = WovenChains.enter(head);
        if (entry == null) {
            return invocation.proceed();
        }
        if (entry instanceof Entry.Deferred) {
            return WovenChains.run((Entry.Deferred) entry, target, invocation.getArguments());
        }
        Entry.Started started = (Entry.Started) entry;
        Object answer;
        try {
            answer = invocation.proceed();
        } catch (Throwable failure) {
            // An Error ends the chain unjudged, with no arguments: as in the agent's advice.
            return WovenChains.failed(started, failure, target,
                    failure instanceof Error ? null : invocation.getArguments());
        }
        WovenChains.answered(started);
        return answer;
    }

    /**
     * The annotated method a proxy's method stands for on {@code target}'s class; {@code null} where there is none
     * (the pointcut matched, so only for a target whose class changed behind a dynamic target source).
     */
    private Method head(Method called, Object target) {
        if (target == null) {
            return null;
        }
        Class<?> targetClass = AopUtils.getTargetClass(target);
        // The usual case, a class-based proxy of the class that declares the head, needs no lookup.
        if (called.getDeclaringClass() == targetClass && HeadPointcut.isProxiedHead(called)) {
            return called;
        }
        return heads.computeIfAbsent(new MethodKey(called, targetClass), ChainInterceptor::resolve).orElse(null);
    }

    private static Optional<Method> resolve(MethodKey key) {
        Method specific = BridgeMethodResolver.findBridgedMethod(
                AopUtils.getMostSpecificMethod(key.method(), key.targetClass()));
        return HeadPointcut.isProxiedHead(specific) ? Optional.of(specific) : Optional.empty();
    }

    /** A proxy's method and the target class it is resolved against. */
    private record MethodKey(Method method, Class<?> targetClass) {
    }
}
