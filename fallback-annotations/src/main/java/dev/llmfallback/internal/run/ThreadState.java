package dev.llmfallback.internal.run;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Everything llm-fallback keeps for one thread, found through its one thread-local: the thread's
 * {@link TraceStack} (what {@link dev.llmfallback.FallbackTrace#current()} answers), its
 * {@link ReentryGuard} (which intercepted execution is a link), and a one-entry cache of the head the thread
 * entered last, for the weaving front doors. Three concerns in three places, reached with one lookup.
 *
 * <p><b>Class-loader hygiene.</b> A platform thread's thread-local holds its state only through a
 * {@link WeakReference}; the state is kept alive by a map that belongs to this class (keyed weakly by the
 * thread). So a long-lived pool thread of a container never keeps a redeployed application's llm-fallback
 * classes, and through them its class loader, reachable: when the application's loader goes, the map goes
 * with it, and the thread holds nothing but a cleared reference. A virtual thread, which lives only as long as
 * its task, holds its state directly. Confined to its thread.
 */
public final class ThreadState {

    /** Per thread: the state itself (virtual threads) or a weak reference to it (platform threads). */
    private static final ThreadLocal<Object> CURRENT = new ThreadLocal<>();
    /** Keeps platform threads' states alive for as long as their thread and this class live. */
    private static final Map<Thread, ThreadState> KEPT = Collections.synchronizedMap(new WeakHashMap<>());
    private static final MethodHandle IS_VIRTUAL = isVirtual();

    private final TraceStack traces = new TraceStack(this);
    private final ReentryGuard guard = new ReentryGuard();
    private Object lastHead;

    private ThreadState() {
    }

    /**
     * The calling thread's state.
     *
     * @return the state, created on first use
     */
    public static ThreadState get() {
        ThreadState state = peek();
        return state != null ? state : create();
    }

    /**
     * The calling thread's state, if it has one.
     *
     * @return the state, or {@code null} on a thread that never needed one
     */
    public static ThreadState peek() {
        Object held = CURRENT.get();
        // A plain WeakReference, never a subclass of our own: the value a thread holds must be of a JDK class,
        // or its class alone would keep this library's class loader reachable.
        if (held instanceof WeakReference) {
            return (ThreadState) ((WeakReference<?>) held).get();
        }
        return (ThreadState) held;
    }

    private static ThreadState create() {
        ThreadState state = new ThreadState();
        Thread thread = Thread.currentThread();
        if (isVirtual(thread)) {
            CURRENT.set(state);
        } else {
            KEPT.put(thread, state);
            CURRENT.set(new WeakReference<>(state));
        }
        return state;
    }

    /**
     * The thread's chains and their traces.
     *
     * @return the trace stack
     */
    public TraceStack traces() {
        return traces;
    }

    /**
     * The thread's re-entry guard.
     *
     * @return the guard
     */
    public ReentryGuard guard() {
        return guard;
    }

    /**
     * The head this thread entered last, as the front door cached it.
     *
     * @return the cached head, or {@code null}
     */
    public Object lastHead() {
        return lastHead;
    }

    /**
     * Caches the head this thread entered last.
     *
     * @param head the front door's head object
     */
    public void lastHead(Object head) {
        lastHead = head;
    }

    /**
     * Forgets everything of finished chains when none runs on this thread: for pooled worker threads between
     * tasks, which serve other requests, and other applications' chains, next.
     */
    public void clearIfIdle() {
        if (traces.depth() == 0) {
            traces.clearIfIdle();
            guard.clear();
            lastHead = null;
        }
    }

    private static boolean isVirtual(Thread thread) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(thread);
        } catch (Throwable unexpected) {
            return false;
        }
    }

    /** {@code Thread.isVirtual()} on JDK 21 and later; {@code null} before, where no thread is virtual. */
    private static MethodHandle isVirtual() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                    MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException beforeJdk21) {
            return null;
        }
    }
}
