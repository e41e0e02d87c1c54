package dev.llmfallback.internal;

import dev.llmfallback.SkipPredicate;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.util.List;

/**
 * The immutable, validated plan of an annotated chain: per link, the method, a method handle that runs
 * exactly that method's body (invokespecial semantics: overrides in subclasses are not consulted), its
 * predicate instance and its labels. Built once per head by {@link PlanResolver}; thread-safe.
 */
public final class ChainPlan extends Chain {

    private final Method[] methods;
    private final Method[] interceptedLinks;
    private final String[] interceptedSignatures;
    private final MethodHandle[] invokers;

    ChainPlan(List<Method> methods, List<Boolean> annotated, List<MethodHandle> invokers, List<String> providers,
            List<String> methodLabels, List<SkipPredicate> predicates, long[] timeoutNanos, long deadlineNanos,
            boolean async) {
        super(providers, methodLabels, predicates, timeoutNanos, filled(methods.size(), async), deadlineNanos, async);
        this.methods = methods.toArray(Method[]::new);
        this.invokers = invokers.toArray(MethodHandle[]::new);
        this.interceptedLinks = new Method[this.methods.length];
        this.interceptedSignatures = new String[this.methods.length];
        for (int i = 0; i < this.methods.length; i++) {
            // Only annotated methods are woven; an unannotated last link is never intercepted.
            if (annotated.get(i)) {
                interceptedLinks[i] = this.methods[i];
                interceptedSignatures[i] = AnnotatedChains.signature(this.methods[i]).intern();
            }
        }
    }

    private static boolean[] filled(int size, boolean value) {
        boolean[] flags = new boolean[size];
        java.util.Arrays.fill(flags, value);
        return flags;
    }

    /**
     * The link methods, in order; the head first.
     *
     * @return an unmodifiable list
     */
    public List<Method> methods() {
        return List.of(methods);
    }

    @Override
    protected Object invoke(int i, Object target, Object[] args, Throwable previous, TraceRecorder recorder)
            throws Throwable {
        recorder.expectLink(interceptedLinks[i], interceptedSignatures[i]);
        try {
            return (Object) invokers[i].invokeExact(target, args, previous);
        } finally {
            recorder.expectLink(null, null);
        }
    }
}
