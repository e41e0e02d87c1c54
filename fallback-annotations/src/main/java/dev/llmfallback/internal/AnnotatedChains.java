package dev.llmfallback.internal;

import dev.llmfallback.FallbackConfigurationException;
import dev.llmfallback.LlmFallback;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * (Advice inlined into the method itself, as the Byte Buddy agent's is, makes the first step
 * {@link #chainToStart}, from constants; and a front door that weaves a class may report its misconfigured
 * chains at once, with {@link #misconfigurations}.)
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

    /**
     * Per class, its {@code @LlmFallback} methods by {@linkplain #signature signature}. The keys are interned,
     * so that the advice's constant string usually matches by identity.
     */
    private static final ClassValue<Map<String, Method>> HEADS_BY_SIGNATURE = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
            Map<String, Method> heads = new HashMap<>();
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(LlmFallback.class)) {
                    heads.put(signature(method).intern(), method);
                }
            }
            // Never modified after this point; ClassValue publishes it safely.
            return heads;
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

    /**
     * The entry point for advice inlined into the annotated method itself (the Byte Buddy agent), where a
     * constant class and a constant string cost less per call than a {@link Method}: it combines the lookup
     * of the executing method with {@link #isLinkOfRunningChain}. Must be called first thing, on every
     * intercepted execution. Never resolves a plan, so it never throws a {@link FallbackConfigurationException}.
     *
     * @param type      the class that declares the executing method
     * @param signature the method's name followed by its JVM descriptor, as {@link #signature} makes it,
     *                  e.g. {@code callAnthropic(Ljava/lang/String;)Ljava/lang/String;}
     * @return the executing method, whose chain the caller must now run with {@link #run}; or {@code null}
     *         when this execution is a link invoked by a running chain, which must run its own body
     * @throws IllegalArgumentException if {@code type} declares no {@code @LlmFallback} method with that
     *                                  signature
     */
    public static Method chainToStart(Class<?> type, String signature) {
        Method method = HEADS_BY_SIGNATURE.get(type).get(signature);
        if (method == null) {
            throw new IllegalArgumentException(type.getName() + " declares no @LlmFallback method " + signature);
        }
        return isLinkOfRunningChain(method) ? null : method;
    }

    /**
     * A method's name followed by its JVM descriptor, the key {@link #chainToStart} looks methods up by.
     *
     * @param method any method
     * @return e.g. {@code callAnthropic(Ljava/lang/String;)Ljava/lang/String;}
     */
    public static String signature(Method method) {
        return method.getName()
                + MethodType.methodType(method.getReturnType(), method.getParameterTypes()).toMethodDescriptorString();
    }

    /**
     * Resolves the chain of every {@code @LlmFallback} method that {@code type} declares, so that a front
     * door can report misconfigurations when it weaves (or initialises) the class rather than at the first
     * call; the plans are cached as {@link #plan} caches them, and every call of a misconfigured chain still
     * throws. Never throws.
     *
     * <p>An annotated method that is a link of a valid chain of the class is not reported as a head: it is
     * annotated to continue that chain (typically it takes the previous failure, a parameter a head's
     * siblings cannot match), so a line about it as a head of its own would be a false alarm. Called directly,
     * it still fails with its {@link FallbackConfigurationException}.
     *
     * @param type a class that declares {@code @LlmFallback} methods
     * @return one message per misconfigured chain ({@link FallbackConfigurationException#getMessage()}),
     *         ordered by method name and signature; empty when every chain is valid
     */
    public static List<String> misconfigurations(Class<?> type) {
        List<String> problems = new ArrayList<>();
        try {
            Method[] methods = type.getDeclaredMethods();
            Arrays.sort(methods, Comparator.comparing(AnnotatedChains::signature));
            Map<Method, String> invalid = new LinkedHashMap<>();
            Set<Method> linksOfValidChains = new HashSet<>();
            for (Method head : methods) {
                if (head.isBridge() || head.isSynthetic() || Modifier.isAbstract(head.getModifiers())
                        || !head.isAnnotationPresent(LlmFallback.class)) {
                    continue;
                }
                try {
                    List<Method> links = plan(head).methods();
                    linksOfValidChains.addAll(links.subList(1, links.size()));
                } catch (FallbackConfigurationException misconfigured) {
                    invalid.put(head, misconfigured.getMessage());
                } catch (RuntimeException | LinkageError unexpected) {
                    invalid.put(head, "Cannot check @LlmFallback on " + Describe.method(head) + ": " + unexpected);
                }
            }
            invalid.forEach((head, problem) -> {
                if (!linksOfValidChains.contains(head)) {
                    problems.add(problem);
                }
            });
        } catch (RuntimeException | LinkageError unexpected) {
            problems.add("Cannot check the @LlmFallback methods of " + type.getName() + ": " + unexpected);
        }
        return problems;
    }

    private static Object resolve(Method head) {
        try {
            return PlanResolver.resolve(head);
        } catch (FallbackConfigurationException misconfigured) {
            return misconfigured;
        }
    }
}
