package dev.llmfallback.spring.internal;

import dev.llmfallback.ThreadContextPropagator;
import java.util.Objects;

/**
 * The {@link ThreadContextPropagator} that fallback-spring lists in {@code META-INF/services}: the engine finds its
 * propagators once per JVM through {@link java.util.ServiceLoader}, while a Spring context decides at start-up
 * whether (and with what) context is carried, and may close. So the engine holds this slot, and a context
 * {@linkplain #fill fills} it while it runs. An empty slot captures nothing and costs a volatile read per timed
 * attempt. The slot never links to context-propagation itself: it loads where that library is absent.
 *
 * <p>One propagator at a time, process-wide, like the engine's own list; the latest context to fill it wins, and
 * closing its handle empties the slot only if it still holds that propagator. What {@link #capture()} returns
 * remembers the propagator that captured it, so a capture made before the slot changed is applied and restored by
 * the same one. Thread-safe.
 */
public final class PropagatorSlot implements ThreadContextPropagator {

    private static volatile ThreadContextPropagator filled;

    /** Made by {@link java.util.ServiceLoader}. */
    public PropagatorSlot() {
    }

    /**
     * Puts {@code propagator} in the slot.
     *
     * @param propagator what timed attempts use to carry context from now on
     * @return empties the slot again (if it still holds {@code propagator})
     */
    public static AutoCloseable fill(ThreadContextPropagator propagator) {
        Objects.requireNonNull(propagator, "propagator");
        synchronized (PropagatorSlot.class) {
            filled = propagator;
        }
        return () -> {
            synchronized (PropagatorSlot.class) {
                if (filled == propagator) {
                    filled = null;
                }
            }
        };
    }

    @Override
    public Object capture() {
        ThreadContextPropagator propagator = filled;
        return propagator == null ? null : new Captured(propagator, propagator.capture());
    }

    @Override
    public Object apply(Object captured) {
        if (!(captured instanceof Captured)) {
            return null;
        }
        Captured context = (Captured) captured;
        return new Captured(context.propagator, context.propagator.apply(context.value));
    }

    @Override
    public void restore(Object previous) {
        if (previous instanceof Captured) {
            Captured context = (Captured) previous;
            context.propagator.restore(context.value);
        }
    }

    /** A value and the propagator it belongs to. */
    private record Captured(ThreadContextPropagator propagator, Object value) {
    }
}
