package dev.llmfallback.tck;

import dev.llmfallback.ThreadContextPropagator;

/**
 * A logging MDC in miniature ({@link #MDC}), carried to worker threads the way a user's propagator would:
 * registered in {@code META-INF/services/dev.llmfallback.ThreadContextPropagator}.
 */
public final class FakeMdcPropagator implements ThreadContextPropagator {

    public static final ThreadLocal<String> MDC = new ThreadLocal<>();

    @Override
    public Object capture() {
        return MDC.get();
    }

    @Override
    public Object apply(Object captured) {
        String previous = MDC.get();
        MDC.set((String) captured);
        return previous;
    }

    @Override
    public void restore(Object previous) {
        MDC.set((String) previous);
    }
}
