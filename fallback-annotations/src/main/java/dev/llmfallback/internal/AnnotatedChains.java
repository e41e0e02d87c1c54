package dev.llmfallback.internal;

import dev.llmfallback.FallbackConfigurationException;
import dev.llmfallback.LlmFallback;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
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
 * <p>A front door's advice does exactly this (see {@link #enterHead(Method)}):
 * <pre>{@code
 * Object head = AnnotatedChains.enterHead(method);
 * if (head == null) { return the method's own body; }                 // a link of a running chain
 * if (head instanceof Method) { return AnnotatedChains.run(method, this, args); }
 * try { answer = the method's own body; } catch (Throwable failure) {
 *     return AnnotatedChains.headFailed(head, failure, this, args); }
 * AnnotatedChains.headAnswered(head); return answer;
 * }</pre>
 * Running the head's body where it was called, rather than having the engine call the method again, is
 * what keeps the happy path cheap: no arguments array, no second interception. (Advice inlined into the
 * method itself, as the Byte Buddy agent's is, passes a constant class and signature instead of the
 * {@link Method}; and a front door that weaves a class may report its misconfigured chains at once, with
 * {@link #misconfigurations}.)
 *
 * <p>Plans are resolved once per method and cached per declaring class (a {@link ClassValue}, so a class
 * that is unloaded takes its plans with it). A misconfiguration is cached too and thrown afresh, as a
 * {@link FallbackConfigurationException}, on every call. Thread-safe.
 */
public final class AnnotatedChains {

    private static final ClassValue<ConcurrentHashMap<Method, Head>> PLANS = new ClassValue<>() {
        @Override
        protected ConcurrentHashMap<Method, Head> computeValue(Class<?> type) {
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
        Object plan = head(head).plan;
        if (plan instanceof ChainPlan) {
            return (ChainPlan) plan;
        }
        // A fresh exception per call: its stack trace shows this caller, not the first one.
        throw new FallbackConfigurationException(((FallbackConfigurationException) plan).getMessage(),
                ((FallbackConfigurationException) plan).getCause());
    }

    /**
     * The first call of a front door's advice that runs the head's body itself, inline, where possible
     * (every weaving front door): must be called first thing, on every intercepted execution, and tells
     * what to do with it.
     * <ul>
     *   <li>{@code null}: this execution is a link invoked by a running chain; run its body and nothing
     *       else.</li>
     *   <li>a {@link Method} (the executing one): skip the body and answer with {@link #run}; the chain needs
     *       the engine to invoke its head (a timeout, a deadline, an async head) or is misconfigured, which
     *       {@link #run} reports.</li>
     *   <li>anything else, a token: the chain has started, and the body is its head. Run it, then hand the
     *       token to exactly one of {@link #headAnswered} (the body returned) or {@link #headFailed} (it
     *       threw), on this thread.</li>
     * </ul>
     * Resolves a plan once per method, caching a misconfiguration too, and never throws a
     * {@link FallbackConfigurationException}: a misconfigured chain is left to {@link #run}, which throws it.
     *
     * @param method the executing annotated method
     * @return {@code null}, the method, or a token, as above
     */
    public static Object enterHead(Method method) {
        TraceRecorder recorder = TraceRecorder.get();
        if (recorder.consumeExpectedLink(method)) {
            return null;
        }
        Head head = (Head) recorder.lastHead;
        if (head == null || head.method != method) {
            head = head(method);
            recorder.lastHead = head;
        }
        return startOrDefer(head, recorder);
    }

    /**
     * {@link #enterHead(Method)} for advice inlined into the annotated method itself (the Byte Buddy agent),
     * where a constant class and a constant string cost less per call than a {@link Method}.
     *
     * @param type      the class that declares the executing method
     * @param signature the method's name followed by its JVM descriptor, as {@link #signature} makes it,
     *                  e.g. {@code callAnthropic(Ljava/lang/String;)Ljava/lang/String;}
     * @return as {@link #enterHead(Method)}
     * @throws IllegalArgumentException if {@code type} declares no {@code @LlmFallback} method with that
     *                                  signature
     */
    public static Object enterHead(Class<?> type, String signature) {
        TraceRecorder recorder = TraceRecorder.get();
        // A link the engine invokes and the head this thread called last are recognised by identity: the
        // advice's signature is a constant string, interned as the plan's is, so neither looks anything up.
        if (recorder.consumeExpectedLink(type, signature)) {
            return null;
        }
        Head head = (Head) recorder.lastHead;
        if (head == null || head.signature != signature || head.method.getDeclaringClass() != type) {
            Method method = HEADS_BY_SIGNATURE.get(type).get(signature);
            if (method == null) {
                throw new IllegalArgumentException(type.getName() + " declares no @LlmFallback method " + signature);
            }
            head = head(method);
            recorder.lastHead = head;
        }
        return startOrDefer(head, recorder);
    }

    /**
     * Ends the chain whose head, run inline after {@link #enterHead}, returned.
     *
     * @param token what {@link #enterHead} returned
     */
    public static void headAnswered(Object token) {
        Engine.headAnswered((TraceRecorder.Frame) token);
    }

    /**
     * Goes on with the chain whose head, run inline after {@link #enterHead}, threw: the failure is judged
     * and the next links run, exactly as if the engine had invoked the head.
     *
     * @param token   what {@link #enterHead} returned
     * @param failure what the head threw
     * @param target  the receiver, or {@code null} for a static method
     * @param args    the call's arguments; may be {@code null} when {@code failure} is an {@link Error},
     *                which ends the chain unjudged
     * @return the chain's answer
     * @throws Throwable as {@link #run}
     */
    public static Object headFailed(Object token, Throwable failure, Object target, Object[] args)
            throws Throwable {
        return Engine.headFailed((TraceRecorder.Frame) token, failure, target, args);
    }

    private static Object startOrDefer(Head head, TraceRecorder recorder) {
        Object plan = head.plan;
        if (plan instanceof ChainPlan && ((ChainPlan) plan).headRunsInline()) {
            return Engine.startInline((ChainPlan) plan, recorder);
        }
        return head.method;
    }

    /** The head of {@code method}: its cached plan, or its cached misconfiguration. */
    private static Head head(Method method) {
        ConcurrentHashMap<Method, Head> heads = PLANS.get(method.getDeclaringClass());
        Head head = heads.get(method);
        return head != null ? head : heads.computeIfAbsent(method, Head::new);
    }

    /**
     * A method's name followed by its JVM descriptor, the key {@link #enterHead(Class, String)} looks methods up by.
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
     * it still fails with its {@link FallbackConfigurationException}. An annotated abstract method (of an
     * interface or an abstract class) is reported: nothing intercepts it and its implementations do not
     * inherit the annotation, so without the report it would be silently ignored.
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
                if (head.isBridge() || head.isSynthetic() || !head.isAnnotationPresent(LlmFallback.class)) {
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

    /**
     * An annotated method with its resolved plan (or misconfiguration) and its {@linkplain #signature
     * signature}, interned. Immutable; one per method, cached in {@link #PLANS}.
     */
    private static final class Head {
        final Method method;
        final String signature;
        /** A {@link ChainPlan}, or the {@link FallbackConfigurationException} every call throws. */
        final Object plan;

        Head(Method method) {
            this.method = method;
            this.signature = signature(method).intern();
            this.plan = resolve(method);
        }
    }

    private static Object resolve(Method head) {
        try {
            return PlanResolver.resolve(head);
        } catch (FallbackConfigurationException misconfigured) {
            return misconfigured;
        } catch (RuntimeException | LinkageError unresolvable) {
            // A class the chain names is missing or malformed at run time. Cached and thrown on every call like
            // any misconfiguration: a front door that resolves while deciding what to do with an execution (the
            // agent's suppressed enter advice) must never see it as a failure of its own and run unprotected.
            return new FallbackConfigurationException("Invalid @LlmFallback on " + Describe.method(head)
                    + ": its chain cannot be resolved (" + unresolvable + "). Fix: put the classes it names "
                    + "(predicates, parameter and return types, the declaring class's superclasses) on the "
                    + "run-time class path.", unresolvable);
        }
    }
}
