package dev.llmfallback.internal.plan;

import dev.llmfallback.FallbackConfigurationException;
import dev.llmfallback.LlmFallback;
import java.lang.invoke.MethodType;
import dev.llmfallback.internal.run.Chain;
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
 * Annotated chains, resolved once per head: the cache of plans (and of misconfigurations) that every weaving
 * front door reaches through the weaving ABI ({@code dev.llmfallback.weaving}), and the early report of a
 * class's misconfigured chains.
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
     * The head of {@code method}: its cached plan, or its cached misconfiguration.
     *
     * @param method an annotated method
     * @return its head, resolved on first use
     */
    public static Head head(Method method) {
        ConcurrentHashMap<Method, Head> heads = PLANS.get(method.getDeclaringClass());
        Head head = heads.get(method);
        if (head != null && !head.stale()) {
            return head;
        }
        // Resolved anew under the settings now in force (PlanOverrides); racing threads agree on one head.
        return heads.compute(method, (m, old) -> old != null && !old.stale() ? old : new Head(m));
    }

    /**
     * The head of the annotated method that {@code type} declares with {@code signature}.
     *
     * @param type      the declaring class
     * @param signature the method's {@linkplain #signature signature}
     * @return its head, resolved on first use
     * @throws IllegalArgumentException if {@code type} declares no {@code @LlmFallback} method with that
     *                                  signature
     */
    public static Head head(Class<?> type, String signature) {
        Method method = HEADS_BY_SIGNATURE.get(type).get(signature);
        if (method == null) {
            throw new IllegalArgumentException(type.getName() + " declares no @LlmFallback method " + signature);
        }
        return head(method);
    }

    /**
     * A method's name followed by its JVM descriptor, the key {@link #head(Class, String)} looks methods up by.
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
     * signature}, interned. Immutable but for the front door's attachment; one per method, cached.
     */
    public static final class Head {
        private final Method method;
        /** The method's declaring class, held here so that a front door compares it without reading the method. */
        private final Class<?> type;
        private final String signature;
        /** A {@link ChainPlan}, or the {@link FallbackConfigurationException} every call throws. */
        private final Object plan;
        /** The {@link PlanOverrides#generation()} the plan was resolved under. */
        private final int generation;
        /** The chain, when its head may run inline; decided once, here, rather than on every call. */
        private final Chain inline;
        private volatile Object attachment;

        Head(Method method) {
            this.method = method;
            this.type = method.getDeclaringClass();
            this.signature = AnnotatedChains.signature(method).intern();
            // Read before the settings: a change in between makes this head stale, never wrongly current.
            this.generation = PlanOverrides.generation();
            this.plan = resolve(method);
            ChainPlan resolved = planOrNull();
            // A streaming head never runs inline: its attempt is opening its stream and reading it to the commit.
            this.inline = resolved != null && resolved.streamShape() == null && resolved.chain().headMayRunInline()
                    ? resolved.chain() : null;
        }

        /**
         * The chain, if its head may run inline: the plan is valid, the head does not stream and
         * {@link Chain#headMayRunInline()}. The front door still asks {@link Chain#headHealthy()} on each call.
         *
         * @return the chain, or {@code null} when the engine must invoke the head itself
         */
        public Chain inlineChain() {
            return inline;
        }

        /**
         * Whether the application's settings ({@link PlanOverrides}) changed since this head was resolved: a front
         * door that keeps a head must then look it up again ({@link AnnotatedChains#head(Method)}).
         *
         * @return {@code true} if the head is out of date
         */
        public boolean stale() {
            return generation != PlanOverrides.generation();
        }

        /**
         * The annotated method.
         *
         * @return the method
         */
        public Method method() {
            return method;
        }

        /**
         * The class that declares the method.
         *
         * @return {@code method().getDeclaringClass()}
         */
        public Class<?> type() {
            return type;
        }

        /**
         * The method's signature, interned.
         *
         * @return e.g. {@code callAnthropic(Ljava/lang/String;)Ljava/lang/String;}
         */
        public String signature() {
            return signature;
        }

        /**
         * The plan, if the chain is valid.
         *
         * @return the plan, or {@code null} for a misconfigured chain ({@link AnnotatedChains#plan} throws)
         */
        public ChainPlan planOrNull() {
            return plan instanceof ChainPlan ? (ChainPlan) plan : null;
        }

        /**
         * What a front door keeps with this head (one value, made once).
         *
         * @return the attachment, {@code null} until one is set
         */
        public Object attachment() {
            return attachment;
        }

        /**
         * Sets {@link #attachment()}; a race between two threads sets equivalent values.
         *
         * @param value the front door's value for this head
         */
        public void attach(Object value) {
            attachment = value;
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
