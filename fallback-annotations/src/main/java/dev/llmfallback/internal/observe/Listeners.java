package dev.llmfallback.internal.observe;

import dev.llmfallback.FallbackListener;
import dev.llmfallback.ProviderHealth;
import dev.llmfallback.internal.health.HealthRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The process-wide listeners: those {@link ServiceLoader} found, then those {@link #register registered}, in
 * that order. Calls read them through one volatile field, {@link #anyGlobal()} first, so that a process
 * without listeners pays one read per call. Thread-safe.
 */
public final class Listeners {

    /** The empty list, shared: never a fresh array per chain without listeners. */
    public static final FallbackListener<?>[] NONE = {};

    private static final Object LOCK = new Object();
    /** Copy-on-write; {@link #NONE} while there is no process-wide listener. */
    private static volatile FallbackListener<?>[] global = loadServices();
    private static boolean watchingHealth;

    static {
        if (global.length > 0) {
            synchronized (LOCK) {
                watchHealth();
            }
        }
    }

    private Listeners() {
    }

    /**
     * Whether any process-wide listener is registered.
     *
     * @return {@code false} in a process that has none: the common, free case
     */
    public static boolean anyGlobal() {
        return global != NONE;
    }

    /**
     * The process-wide listeners now.
     *
     * @return the current array; never modified
     */
    public static FallbackListener<?>[] global() {
        return global;
    }

    /**
     * Registers a process-wide listener.
     *
     * @param listener the listener
     * @return unregisters it; idempotent
     */
    public static FallbackListener.Registration register(FallbackListener<?> listener) {
        synchronized (LOCK) {
            FallbackListener<?>[] now = global;
            FallbackListener<?>[] more = Arrays.copyOf(now, now.length + 1);
            more[now.length] = listener;
            global = more;
            watchHealth();
        }
        return new FallbackListener.Registration() {
            private boolean closed;

            @Override
            public void close() {
                synchronized (LOCK) {
                    if (!closed) {
                        closed = true;
                        remove(listener);
                    }
                }
            }
        };
    }

    private static void remove(FallbackListener<?> listener) {
        List<FallbackListener<?>> kept = new ArrayList<>(Arrays.asList(global));
        for (int i = 0; i < kept.size(); i++) {
            if (kept.get(i) == listener) {
                kept.remove(i);
                break;
            }
        }
        global = kept.isEmpty() ? NONE : kept.toArray(NONE);
    }

    /** Subscribes once, for good, to the shared health registry: its transitions go to the listeners of the moment. */
    private static void watchHealth() {
        if (!watchingHealth) {
            watchingHealth = true;
            HealthRegistry.SHARED.listen(Listeners::transitioned);
        }
    }

    private static void transitioned(ProviderHealth.Transition transition) {
        for (FallbackListener<?> listener : global) {
            try {
                listener.healthTransition(transition);
            } catch (Throwable broken) {
                Failed.report(listener, "healthTransition", broken);
            }
        }
    }

    private static FallbackListener<?>[] loadServices() {
        List<FallbackListener<?>> found = new ArrayList<>();
        try {
            ServiceLoader.load(FallbackListener.class, FallbackListener.class.getClassLoader()).forEach(found::add);
        } catch (RuntimeException | java.util.ServiceConfigurationError broken) {
            System.getLogger("dev.llmfallback").log(System.Logger.Level.WARNING,
                    "llm-fallback: FallbackListener services not loaded: {0}", broken.getClass().getName());
        }
        return found.isEmpty() ? NONE : found.toArray(NONE);
    }
}
