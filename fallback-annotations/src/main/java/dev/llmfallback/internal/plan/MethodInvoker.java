package dev.llmfallback.internal.plan;

import dev.llmfallback.internal.run.Link;
import dev.llmfallback.internal.run.ReentryGuard;
import dev.llmfallback.internal.run.ThreadState;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;

/**
 * Invokes an annotated chain's link: exactly the method's own body, through a method handle adapted to
 * {@link PlanResolver#INVOKER_TYPE}. The execution it starts is announced to the thread's
 * {@link ReentryGuard} first, so that a front door intercepting it runs the body instead of starting a chain
 * of its own. Immutable and thread-safe.
 */
final class MethodInvoker implements Link.Invoker {

    private final MethodHandle handle;
    /** The woven method the handle executes, or {@code null} for a link no front door intercepts. */
    private final Method intercepted;
    /** Its signature, interned as the advice's constant is; {@code null} with it. */
    private final String signature;

    MethodInvoker(MethodHandle handle, Method intercepted) {
        this.handle = handle;
        this.intercepted = intercepted;
        this.signature = intercepted == null ? null : AnnotatedChains.signature(intercepted).intern();
    }

    @Override
    public Object invoke(Object target, Object[] args, Throwable previous, ThreadState thread) throws Throwable {
        ReentryGuard guard = thread.guard();
        guard.expect(intercepted, signature);
        try {
            return (Object) handle.invokeExact(target, args, previous);
        } finally {
            guard.withdraw();
        }
    }
}
