package dev.llmfallback.internal;

import dev.llmfallback.FallbackConfigurationException;
import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The single entry point of the weaving front doors (AspectJ aspect, Byte Buddy agent): everything they do
 * beyond recognising an annotated method's execution happens here and in the {@link Engine}.
 *
 * <p>A front door's advice does exactly this:
 * <pre>{@code
 * if (AnnotatedChains.isLinkOfRunningChain(method)) { run the method's own body }
 * else { return AnnotatedChains.run(method, this, args); }
 * }</pre>
 *
 * <p>Plans are resolved once per method and cached per declaring class (a {@link ClassValue}, so a class
 * that is unloaded takes its plans with it). A misconfiguration is cached too and thrown afresh, as a
 * {@link FallbackConfigurationException}, on every call. Thread-safe.
 */
public final class AnnotatedChains {

    private static final ClassValue<ConcurrentHashMap<Method, Object>> PLANS = new ClassValue<>() {
        @Override
        protected ConcurrentHashMap<Method, Object> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private AnnotatedChains() {
    }

    /**
     * Tells whether this execution of {@code method} is a link invoked by a chain already running on this
     * thread; if so the front door must run the method's own body and nothing else. Must be called first
     * thing, on every intercepted execution.
     *
     * @param method the annotated method being executed
     * @return {@code true} to run the body, {@code false} to start the method's chain with {@link #run}
     */
    public static boolean isLinkOfRunningChain(Method method) {
        return TraceRecorder.get().consumeExpectedLink(method);
    }

    /**
     * Runs the chain whose head is {@code head}.
     *
     * @param head   the annotated method that was called
     * @param target the receiver, or {@code null} for a static method
     * @param args   the call's arguments
     * @return the chain's answer
     * @throws Throwable what the engine throws, or {@link FallbackConfigurationException} if the chain
     *                   is misconfigured (before any link runs)
     */
    public static Object run(Method head, Object target, Object[] args) throws Throwable {
        return Engine.run(plan(head), target, args);
    }

    /**
     * Resolves (once) and returns the plan of {@code head}'s chain; front doors may call it early, when
     * they weave a class, to report a misconfiguration at load time.
     *
     * @param head an annotated method
     * @return the immutable plan
     * @throws FallbackConfigurationException if the chain is misconfigured
     */
    public static ChainPlan plan(Method head) {
        ConcurrentHashMap<Method, Object> plans = PLANS.get(head.getDeclaringClass());
        Object plan = plans.get(head);
        if (plan == null) {
            plan = plans.computeIfAbsent(head, AnnotatedChains::resolve);
        }
        if (plan instanceof ChainPlan) {
            return (ChainPlan) plan;
        }
        // A fresh exception per call: its stack trace shows this caller, not the first one.
        throw new FallbackConfigurationException(((FallbackConfigurationException) plan).getMessage(),
                ((FallbackConfigurationException) plan).getCause());
    }

    private static Object resolve(Method head) {
        try {
            return PlanResolver.resolve(head);
        } catch (FallbackConfigurationException misconfigured) {
            return misconfigured;
        }
    }
}
