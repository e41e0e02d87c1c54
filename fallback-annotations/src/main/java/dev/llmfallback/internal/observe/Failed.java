package dev.llmfallback.internal.observe;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reports a listener's exception once per listener class: a listener that fails on every call must not flood
 * the log, and must not change the call. Only the exception's class is logged: its message might quote what the
 * listener was looking at. Thread-safe.
 */
final class Failed {

    private static final System.Logger LOG = System.getLogger("dev.llmfallback");

    private static final ClassValue<AtomicBoolean> REPORTED = new ClassValue<>() {
        @Override
        protected AtomicBoolean computeValue(Class<?> type) {
            return new AtomicBoolean();
        }
    };

    private Failed() {
    }

    static void report(Object listener, String method, Throwable broken) {
        try {
            if (REPORTED.get(listener.getClass()).compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, "llm-fallback: FallbackListener {0}.{1} threw {2}; ignored, "
                        + "the call goes on (reported once per listener class)", listener.getClass().getName(),
                        method, broken.getClass().getName());
            }
        } catch (Throwable cannotReport) {
            // Out of memory or a broken logger: the call goes on all the same.
        }
    }
}
