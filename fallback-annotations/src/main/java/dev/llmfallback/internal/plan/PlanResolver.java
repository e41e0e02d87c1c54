package dev.llmfallback.internal.plan;

import dev.llmfallback.CommitPoint;
import dev.llmfallback.FallbackConfigurationException;
import dev.llmfallback.HealthPolicy;
import dev.llmfallback.LlmFallback;
import dev.llmfallback.NoCooldown;
import dev.llmfallback.RetryableOnly;
import dev.llmfallback.SkipPredicate;
import dev.llmfallback.internal.stream.StreamShape;
import dev.llmfallback.internal.stream.StreamShapes;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Turns an annotated head method into its validated {@link ChainPlan}, or explains precisely why it cannot:
 * every message names the class, the method, what is wrong and the fix. Called once per head (the result
 * is cached by {@link AnnotatedChains}); stateless and thread-safe.
 */
final class PlanResolver {

    /** The shape every link invoker is adapted to: (receiver, head's arguments, previous failure). */
    static final MethodType INVOKER_TYPE =
            MethodType.methodType(Object.class, Object.class, Object[].class, Throwable.class);

    private PlanResolver() {
    }

    static ChainPlan resolve(Method head) {
        return resolve(head, PlanOverrides.current());
    }

    /**
     * Resolves {@code head}'s chain with the application's settings: {@code overrides} replaces the annotations'
     * timeouts and health policies per provider label and the deadline per chain, and resolves the text of
     * {@code timeout} and {@code deadline} before it is parsed.
     */
    static ChainPlan resolve(Method head, PlanOverrides.Source overrides) {
        LlmFallback headAnnotation = head.getAnnotation(LlmFallback.class);
        if (headAnnotation == null) {
            throw new IllegalArgumentException(Describe.method(head) + " has no @LlmFallback");
        }
        if (Modifier.isAbstract(head.getModifiers())) {
            throw invalid(head, head, "the method is abstract" + (head.getDeclaringClass().isInterface()
                    ? " (an interface method without a body)" : "") + ", so no execution of it can be intercepted, "
                    + "and the methods that implement it do not inherit the annotation: their calls run without "
                    + "a chain", "put @LlmFallback on the implementing method");
        }
        Class<?> owner = head.getDeclaringClass();
        boolean async = CompletionStage.class.isAssignableFrom(head.getReturnType());
        if (async && head.getReturnType() != CompletionStage.class && head.getReturnType() != CompletableFuture.class) {
            throw invalid(head, head, "it returns " + head.getReturnType().getSimpleName() + "; an async chain "
                    + "answers with a CompletableFuture of its own", "declare the return type CompletionStage<T> or "
                    + "CompletableFuture<T>");
        }
        StreamShape streamShape = streamShape(head);
        String chainName = Describe.type(head.getDeclaringClass()) + "." + head.getName();
        PlanOverrides.Setting<java.time.Duration> deadlineSetting = overrides.deadline(chainName);
        long deadlineNanos = deadlineSetting != null ? configured(head, head, "deadline", deadlineSetting)
                : duration(head, head, "deadline", headAnnotation.deadline(), overrides);
        String deadlineSource = deadlineSetting != null ? deadlineSetting.origin() + " = " + deadlineSetting.value()
                : "deadline = \"" + headAnnotation.deadline() + "\"";
        List<Long> timeouts = new ArrayList<>();
        List<String> timeoutSources = new ArrayList<>();
        List<Method> methods = new ArrayList<>();
        List<Boolean> annotated = new ArrayList<>();
        List<MethodHandle> invokers = new ArrayList<>();
        List<String> providers = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<SkipPredicate> predicates = new ArrayList<>();
        List<HealthPolicy> healths = new ArrayList<>();
        List<CommitPoint> commitPoints = new ArrayList<>();

        Method link = head;
        while (link != null) {
            LlmFallback annotation = link.getAnnotation(LlmFallback.class);
            methods.add(link);
            annotated.add(annotation != null);
            invokers.add(invoker(head, link));
            String provider = annotation == null || annotation.provider().isBlank() ? link.getName()
                    : annotation.provider();
            providers.add(provider);
            labels.add(Describe.type(link.getDeclaringClass()) + "." + link.getName());
            predicates.add(annotation == null ? RetryableOnly.INSTANCE : predicate(head, link, annotation));
            PlanOverrides.Setting<HealthPolicy> healthSetting = overrides.health(provider);
            healths.add(healthSetting != null ? healthSetting.value()
                    : annotation == null ? NoCooldown.INSTANCE : health(head, link, annotation));
            PlanOverrides.Setting<java.time.Duration> timeoutSetting = overrides.timeout(provider);
            timeouts.add(timeoutSetting != null ? configured(head, link, "timeout", timeoutSetting)
                    : annotation == null ? 0L : duration(head, link, "timeout", annotation.timeout(), overrides));
            timeoutSources.add(timeoutSetting != null ? timeoutSetting.origin() + " = " + timeoutSetting.value()
                    : annotation == null ? "" : "timeout = \"" + annotation.timeout() + "\"");
            commitPoints.add(commitPoint(head, link, annotation, streamShape));
            if (annotation == null || annotation.next().isEmpty()) {
                break;
            }
            Method next = sibling(owner, head, link, annotation.next());
            if (methods.contains(next)) {
                String cycle = methods.subList(methods.indexOf(next), methods.size()).stream()
                        .map(Method::getName).collect(Collectors.joining(" -> ")) + " -> " + next.getName();
                throw invalid(head, link, "next = \"" + annotation.next() + "\" closes a cycle: " + cycle,
                        "end the chain with a method whose @LlmFallback has no next, or with a method that "
                                + "has no @LlmFallback");
            }
            link = next;
        }
        if (!async && Modifier.isSynchronized(head.getModifiers())) {
            checkMonitors(head, methods, timeouts, timeoutSources, deadlineNanos, deadlineSource);
        }
        return new ChainPlan(methods, annotated, invokers, providers, labels, predicates, healths,
                timeouts.stream().mapToLong(Long::longValue).toArray(), deadlineNanos, async, streamShape,
                commitPoints);
    }

    /** The head's stream shape (SPEC §13), {@code null} if it does not stream, or why it cannot stream. */
    private static StreamShape streamShape(Method head) {
        try {
            return StreamShapes.forHead(head.getReturnType());
        } catch (StreamShapes.Unfit unfit) {
            throw invalid(head, head, unfit.getMessage(), unfit.fix());
        }
    }

    /**
     * A link's commit point; also rejects a link that streams in a chain that does not (its head's answer
     * would be its unread stream, its failures after the call never judged), and a commit point where nothing
     * streams.
     */
    private static CommitPoint commitPoint(Method head, Method link, LlmFallback annotation, StreamShape streamShape) {
        boolean setHere = annotation != null && annotation.commitPoint() != CommitPoint.class;
        if (streamShape == null) {
            if (link != head && StreamShapes.streams(link.getReturnType())) {
                throw invalid(head, link, "it returns " + link.getGenericReturnType().getTypeName() + ", a stream, "
                        + "while the head " + head.getName() + " returns " + head.getGenericReturnType().getTypeName()
                        + ", which does not stream: a chain streams through every link or through none",
                        "declare " + head.getName() + "'s return type as " + link.getName() + "'s (Stream<T>, or an "
                                + "AutoCloseable interface with stream() such as the SDKs' StreamResponse<T>), or make "
                                + link.getName() + " return what " + head.getName() + " returns");
            }
            if (setHere) {
                throw invalid(head, link, "commitPoint = " + annotation.commitPoint().getName() + ".class, but "
                        + "the chain does not stream (its head returns " + head.getGenericReturnType().getTypeName()
                        + ")", "remove commitPoint, or return Stream<T> or an SDK's StreamResponse<T> from every link");
            }
            return null;
        }
        return setHere ? shared(head, link, "commitPoint", annotation.commitPoint(), CommitPoint.class)
                : CommitPoint.modelOutput();
    }

    /**
     * Rejects a synchronized sync head whose chain would run a link synchronized on the head's monitor on a
     * worker thread (a link with a timeout, or any link under a deadline). The caller holds that monitor
     * while the chain runs, so the worker blocks on it until the attempt times out, and then runs the body
     * late anyway: the head never answers, and every call makes a duplicate provider call. Links that run on
     * the caller's thread re-enter the monitor; links on another monitor (a static method inherited from a
     * superclass locks that class) or without {@code synchronized} do not wait for it. An async head is not
     * checked: it returns its future at once, releasing the monitor.
     */
    private static void checkMonitors(Method head, List<Method> methods, List<Long> timeouts,
            List<String> timeoutSources, long deadlineNanos, String deadlineSource) {
        boolean isStatic = Modifier.isStatic(head.getModifiers());
        for (int i = 0; i < methods.size(); i++) {
            Method link = methods.get(i);
            boolean onWorker = deadlineNanos != 0 || timeouts.get(i) != 0;
            boolean sameMonitor = !isStatic || link.getDeclaringClass() == head.getDeclaringClass();
            if (!onWorker || !sameMonitor || !Modifier.isSynchronized(link.getModifiers())) {
                continue;
            }
            String why = timeouts.get(i) != 0 ? timeoutSources.get(i)
                    : (i == 0 ? "" : "the head's ") + deadlineSource;
            String stuck = " runs it on a worker thread, which cannot take the monitor the caller holds while the "
                    + "chain runs: every attempt would time out, and the body then run late anyway (a duplicate "
                    + "provider call)";
            if (i == 0) {
                throw invalid(head, head, "it is synchronized, and " + why + stuck, "remove synchronized (lock "
                        + "inside the provider on a lock of your own) or remove timeout and deadline");
            }
            throw invalid(head, link, "it is synchronized on the same monitor as the synchronized head "
                    + head.getName() + ", and " + why + stuck,
                    "remove synchronized from " + link.getName() + " or from " + head.getName() + " (lock inside "
                            + "the provider on a lock of your own), or remove " + link.getName()
                            + "'s timeout and the head's deadline");
        }
    }

    /** A timeout or deadline the application configured ({@link PlanOverrides}), in nanoseconds. */
    private static long configured(Method head, Method link, String attribute,
            PlanOverrides.Setting<java.time.Duration> setting) {
        java.time.Duration value = setting.value();
        if (value.isZero() || value.isNegative()) {
            throw invalid(head, link, setting.origin() + " = " + value + " is not a positive " + attribute,
                    "set " + setting.origin() + " to a positive duration, e.g. 10s");
        }
        try {
            return value.toNanos();
        } catch (ArithmeticException tooLong) {
            throw invalid(head, link, setting.origin() + " = " + value + " is too long: the longest " + attribute
                    + " is what fits in a long of nanoseconds, about 292 years", "set " + setting.origin()
                    + " to a shorter duration, e.g. 10s");
        }
    }

    private static long duration(Method head, Method link, String attribute, String written,
            PlanOverrides.Source overrides) {
        if (written.isBlank()) {
            return 0;
        }
        String text;
        try {
            text = overrides.resolve(written);
        } catch (IllegalArgumentException unresolvable) {
            throw invalid(head, link, attribute + " = \"" + written + "\" cannot be resolved: "
                    + unresolvable.getMessage(), "define the property it names (application properties, an "
                    + "environment variable), or give it a default, e.g. \"${llm.timeout:10s}\"");
        }
        if (!written.equals(text)) {
            try {
                return Durations.parse(text).toNanos();
            } catch (IllegalArgumentException unreadable) {
                throw invalid(head, link, attribute + " = \"" + written + "\" resolves to " + unreadable.getMessage(),
                        "set the property to a duration such as 10s, 1500ms, 2m, 1m30s or PT10S");
            }
        }
        if (text.contains("${") && overrides == PlanOverrides.NONE) {
            throw invalid(head, link, attribute + " = \"" + written + "\" has a placeholder, and nothing resolves "
                    + "placeholders in this JVM: only a Spring application context with llm-fallback's starter or "
                    + "@EnableLlmFallback does", "write the duration itself, e.g. " + attribute + " = \"10s\", or "
                    + "run the chain's class as a bean of such a context");
        }
        try {
            return Durations.parse(text).toNanos();
        } catch (Durations.TooLong tooLong) {
            throw invalid(head, link, attribute + " = " + tooLong.getMessage(), "write a shorter " + attribute
                    + ", e.g. " + attribute + " = \"10s\"");
        } catch (IllegalArgumentException unreadable) {
            throw invalid(head, link, attribute + " = " + unreadable.getMessage(), "write e.g. " + attribute
                    + " = \"10s\" (also \"1500ms\", \"2m\", \"1m30s\", \"PT10S\")");
        }
    }

    private static HealthPolicy health(Method head, Method link, LlmFallback annotation) {
        return shared(head, link, "health", annotation.health(), HealthPolicy.class);
    }

    private static SkipPredicate predicate(Method head, Method link, LlmFallback annotation) {
        return shared(head, link, "skipOn", annotation.skipOn(), SkipPredicate.class);
    }

    /** The shared instance of the class an attribute names, or the §8 message saying why it cannot be had. */
    private static <T> T shared(Method head, Method link, String attribute, Class<? extends T> type, Class<T> kind) {
        try {
            return Predicates.instance(type, kind);
        } catch (IllegalArgumentException unusable) {
            throw invalid(head, link, attribute + " = " + type.getName() + ".class cannot be used: "
                    + unusable.getMessage(), "give " + type.getSimpleName() + " a public static final INSTANCE "
                    + "field holding an instance of it" + (type.isInterface() || Modifier.isAbstract(type.getModifiers())
                    ? "" : ", or a public no-arg constructor"), unusable.getCause());
        }
    }

    /** Finds the sibling named {@code name} that fits {@code head}'s chain, or explains what is wrong. */
    private static Method sibling(Class<?> owner, Method head, Method link, String name) {
        List<Method> named = candidates(owner).stream().filter(m -> m.getName().equals(name))
                .collect(Collectors.toList());
        if (named.isEmpty()) {
            List<String> near = NearMisses.of(name, candidates(owner).stream().map(Method::getName)
                    .distinct().collect(Collectors.toList()));
            String hint = near.isEmpty() ? "" : "; did you mean " + near.stream().map(n -> "\"" + n + "\"")
                    .collect(Collectors.joining(" or ")) + "?";
            throw invalid(head, link, "next = \"" + name + "\" names no method of " + Describe.type(owner)
                    + " or its superclasses" + hint, "set next to the name of a sibling method");
        }
        Class<?>[] params = head.getParameterTypes();
        List<Method> exact = new ArrayList<>();
        List<Method> withPrevious = new ArrayList<>();
        for (Method m : named) {
            Class<?>[] p = m.getParameterTypes();
            if (Arrays.equals(p, params)) {
                exact.add(m);
            } else if (p.length == params.length + 1 && Arrays.equals(Arrays.copyOf(p, params.length), params)
                    && (p[params.length] == Throwable.class || p[params.length] == Exception.class)) {
                withPrevious.add(m);
            }
        }
        Method chosen;
        if (exact.size() == 1) {
            chosen = exact.get(0);
        } else if (exact.isEmpty() && withPrevious.size() == 1) {
            chosen = withPrevious.get(0);
        } else if (exact.isEmpty() && withPrevious.isEmpty()) {
            throw invalid(head, link, "next = \"" + name + "\" names " + named.stream().map(Describe::method)
                    .collect(Collectors.joining(", ")) + ", which does not take the head's parameters "
                    + Describe.parameters(params), "give " + name + " the parameters " + Describe.parameters(params)
                    + ", optionally followed by one Throwable or Exception parameter that receives the previous "
                    + "failure");
        } else {
            throw invalid(head, link, "next = \"" + name + "\" is ambiguous: " + withPrevious.stream()
                    .map(Describe::method).collect(Collectors.joining(" and ")) + " both fit",
                    "keep one of them, or add an overload taking exactly " + Describe.parameters(params));
        }
        if (Modifier.isStatic(chosen.getModifiers()) != Modifier.isStatic(head.getModifiers())) {
            boolean headStatic = Modifier.isStatic(head.getModifiers());
            throw invalid(head, link, "next = \"" + name + "\" names " + Describe.method(chosen) + ", which is "
                    + (headStatic ? "an instance method" : "static") + " while the head " + head.getName()
                    + " is " + (headStatic ? "static" : "an instance method"),
                    "make both static or both instance methods");
        }
        if (Modifier.isAbstract(chosen.getModifiers())) {
            throw invalid(head, link, "next = \"" + name + "\" names " + Describe.method(chosen)
                    + ", which is abstract", "name a method with a body");
        }
        if (!ReturnTypes.assignable(head.getGenericReturnType(), chosen.getGenericReturnType())) {
            throw invalid(head, link, "next = \"" + name + "\" names " + Describe.method(chosen) + ", which returns "
                    + chosen.getGenericReturnType().getTypeName() + ", not assignable to the head's return type "
                    + head.getGenericReturnType().getTypeName(),
                    "make " + name + " return " + head.getGenericReturnType().getTypeName() + " or a subtype");
        }
        return chosen;
    }

    /**
     * The methods a chain may name: all declared by {@code owner}, then the non-private ones its
     * superclasses declare that {@code owner} does not override, then the instance methods of its interfaces
     * and their superinterfaces that no class of the hierarchy declares: per signature the most specific
     * one, as the JVM selects it (a default method, or an abstract one that {@link #sibling} rejects).
     * Bridges and synthetic methods are skipped.
     */
    private static List<Method> candidates(Class<?> owner) {
        Map<String, Method> bySignature = new LinkedHashMap<>();
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> type = owner; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Method m : type.getDeclaredMethods()) {
                if (m.isBridge() || m.isSynthetic() || (type != owner && Modifier.isPrivate(m.getModifiers()))) {
                    continue;
                }
                bySignature.putIfAbsent(m.getName() + Arrays.toString(m.getParameterTypes()), m);
            }
            interfaces.addAll(Arrays.asList(type.getInterfaces()));
        }
        Deque<Class<?>> pending = new ArrayDeque<>(interfaces);
        while (!pending.isEmpty()) {
            for (Class<?> superinterface : pending.removeFirst().getInterfaces()) {
                if (interfaces.add(superinterface)) {
                    pending.addLast(superinterface);
                }
            }
        }
        Map<String, Method> inherited = new LinkedHashMap<>();
        for (Class<?> type : interfaces) {
            for (Method m : type.getDeclaredMethods()) {
                // Static and private interface methods are not inherited.
                if (m.isBridge() || m.isSynthetic() || Modifier.isStatic(m.getModifiers())
                        || Modifier.isPrivate(m.getModifiers())) {
                    continue;
                }
                String signature = m.getName() + Arrays.toString(m.getParameterTypes());
                if (!bySignature.containsKey(signature)) {
                    inherited.merge(signature, m, (seen, other) -> seen.getDeclaringClass()
                            .isAssignableFrom(other.getDeclaringClass()) ? other : seen);
                }
            }
        }
        inherited.forEach(bySignature::putIfAbsent);
        return new ArrayList<>(bySignature.values());
    }

    /** Adapts {@code link} to {@link #INVOKER_TYPE}, running exactly its own body. */
    private static MethodHandle invoker(Method head, Method link) {
        Class<?> declaring = link.getDeclaringClass();
        boolean isStatic = Modifier.isStatic(link.getModifiers());
        int argCount = head.getParameterCount();
        boolean takesPrevious = link.getParameterCount() == argCount + 1;
        try {
            // invokespecial from the declaring class itself, an interface for a default method: exactly that
            // body runs, whatever the receiver's class overrides.
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(declaring, MethodHandles.lookup());
            MethodHandle handle = isStatic || Modifier.isPrivate(link.getModifiers())
                    ? lookup.unreflect(link)
                    : lookup.unreflectSpecial(link, declaring);
            handle = handle.asFixedArity();
            handle = handle.asType(handle.type().generic());
            if (isStatic) {
                handle = MethodHandles.dropArguments(handle, 0, Object.class);
            }
            handle = handle.asSpreader(1, Object[].class, argCount);
            if (!takesPrevious) {
                handle = MethodHandles.dropArguments(handle, 2, Object.class);
            }
            return handle.asType(INVOKER_TYPE);
        } catch (IllegalAccessException | RuntimeException inaccessible) {
            throw invalid(head, link, "llm-fallback cannot invoke " + Describe.method(link) + " ("
                    + inaccessible + ")", "if " + Describe.type(declaring) + " is in a named module, open its "
                    + "package to llm-fallback (opens " + declaring.getPackageName() + ")", inaccessible);
        }
    }

    static FallbackConfigurationException invalid(Method head, Method culprit, String problem, String fix) {
        return invalid(head, culprit, problem, fix, null);
    }

    static FallbackConfigurationException invalid(Method head, Method culprit, String problem, String fix,
            Throwable cause) {
        String where = culprit.equals(head) ? Describe.method(head)
                : Describe.method(culprit) + " (in the chain that starts at " + Describe.method(head) + ")";
        return new FallbackConfigurationException("Invalid @LlmFallback on " + where + ": " + problem + (problem.endsWith("?") ? " " : ". ") + "Fix: "
                + fix + ".", cause);
    }
}
