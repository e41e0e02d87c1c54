package dev.llmfallback.internal.plan;

import dev.llmfallback.CommitPoint;
import dev.llmfallback.HealthPolicy;
import dev.llmfallback.SkipPredicate;
import dev.llmfallback.internal.health.HealthRegistry;
import dev.llmfallback.internal.health.LinkHealths;
import dev.llmfallback.internal.run.Chain;
import dev.llmfallback.internal.run.Link;
import dev.llmfallback.internal.run.Workers;
import dev.llmfallback.internal.stream.StreamShape;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The immutable, validated plan of an annotated chain: the {@link Chain} the engine runs (per link, a method
 * handle that runs exactly that method's body — invokespecial semantics: overrides in subclasses are not
 * consulted — its predicate instance and its labels) and the link methods it was made of. Built once per
 * head by {@link PlanResolver}; thread-safe.
 */
public final class ChainPlan {

    private final Chain chain;
    private final Method[] methods;
    /** The head's stream shape for a streaming chain (SPEC §13), {@code null} for any other. */
    private final StreamShape streamShape;

    ChainPlan(List<Method> methods, List<Boolean> annotated, List<MethodHandle> invokers, List<String> providers,
            List<String> methodLabels, List<SkipPredicate> predicates, List<HealthPolicy> healths, long[] timeoutNanos,
            long deadlineNanos, boolean async, StreamShape streamShape, List<CommitPoint> commitPoints) {
        this.methods = methods.toArray(Method[]::new);
        this.streamShape = streamShape;
        List<Link> links = new ArrayList<>(this.methods.length);
        for (int i = 0; i < this.methods.length; i++) {
            // Only annotated methods are woven; an unannotated last link is never intercepted.
            Method intercepted = annotated.get(i) ? this.methods[i] : null;
            Link.Invoker invoker = new MethodInvoker(invokers.get(i), intercepted);
            if (streamShape != null) {
                invoker = streamShape.invoker(i, methodLabels.get(i), invoker, commitPoints.get(i));
            }
            links.add(new Link(providers.get(i), methodLabels.get(i), predicates.get(i), timeoutNanos[i], async,
                    invoker, LinkHealths.of(healths.get(i), providers.get(i), HealthRegistry.SHARED)));
        }
        this.chain = new Chain(links, deadlineNanos, async, Workers.SYSTEM);
    }

    /**
     * How a streaming chain runs and answers (SPEC §13): front doors run it with
     * {@link StreamShape#run}, never {@link dev.llmfallback.internal.run.Engine} directly, and never the head
     * inline.
     *
     * @return the head's shape, or {@code null} for a chain that does not stream
     */
    public StreamShape streamShape() {
        return streamShape;
    }

    /**
     * What the engine runs.
     *
     * @return the chain
     */
    public Chain chain() {
        return chain;
    }

    /**
     * The link methods, in order; the head first.
     *
     * @return an unmodifiable list
     */
    public List<Method> methods() {
        return List.of(methods);
    }
}
