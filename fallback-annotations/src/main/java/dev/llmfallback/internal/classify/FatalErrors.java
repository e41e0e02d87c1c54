package dev.llmfallback.internal.classify;

/**
 * Decides which throwables classification code may swallow. Classifying a failure must never throw, but
 * running out of memory or stack while doing it is the JVM's problem, not a "no answer". Not API.
 * Stateless and thread-safe.
 */
public final class FatalErrors {

    private FatalErrors() {
    }

    /**
     * Rethrows {@code thrown} if it is a {@link VirtualMachineError}; returns otherwise, so that the caller
     * treats it as "no answer".
     *
     * @param thrown what a reflective call threw
     */
    public static void rethrowIfFatal(Throwable thrown) {
        if (thrown instanceof VirtualMachineError) {
            throw (VirtualMachineError) thrown;
        }
    }
}
