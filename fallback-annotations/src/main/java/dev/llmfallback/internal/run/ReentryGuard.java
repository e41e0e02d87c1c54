package dev.llmfallback.internal.run;

import java.lang.reflect.Method;

/**
 * One thread's answer to "is this intercepted execution a link that a running chain invoked?": the engine
 * announces the annotated method it is about to invoke, and the front door that intercepts that very
 * execution consumes the announcement and runs the body instead of starting a chain of its own (SPEC §4:
 * a link never starts a chain, no attempt is recorded twice). Confined to its thread.
 */
public final class ReentryGuard {

    /** Whether an announcement is pending: set by {@link #expect}, cleared by the next interception. */
    private boolean armed;
    /*
     * The announced method and its signature stay after the announcement is consumed: a chain that invokes the
     * same link again then stores nothing here, which under G1 spares a card check and a StoreLoad fence per
     * invocation (see TraceStack.Frame's outcomes). clear() drops them on pooled workers between tasks; a
     * thread that never runs it (a caller, or one that completed an async attempt's stage) keeps the last
     * announced method until its next chain. That pins no class loader: the thread holds its state weakly
     * (ThreadState; ClassLoaderLeakTest undeploys annotated chains too).
     */
    private Method expectedLink;
    /** The signature ({@code name + descriptor}) of {@link #expectedLink}, interned. */
    private String expectedSignature;

    ReentryGuard() {
    }

    /**
     * Announces that the engine is about to invoke {@code link}'s own body.
     *
     * @param link      the annotated method about to run, or {@code null} for a method no front door
     *                  intercepts (nothing is announced)
     * @param signature its signature, interned; {@code null} with it
     */
    public void expect(Method link, String signature) {
        if (link == null) {
            armed = false;
            return;
        }
        if (expectedLink != link) {
            expectedLink = link;
            expectedSignature = signature;
        }
        armed = true;
    }

    /** Withdraws an announcement that no interception consumed (the invoked method was not woven). */
    public void withdraw() {
        armed = false;
    }

    /**
     * Called by a front door first thing when it intercepts an annotated method's execution. Consumes the
     * announcement: whatever the answer, the next interception on this thread starts fresh.
     *
     * @param executing the method whose execution is intercepted
     * @return {@code true} if this execution is a link invoked by a running chain and must run its body
     */
    public boolean consume(Method executing) {
        if (!armed) {
            return false;
        }
        armed = false;
        Method expected = expectedLink;
        return expected == executing || expected.equals(executing);
    }

    /**
     * {@link #consume(Method)} for a method known by its declaring class and interned signature, compared by
     * identity first.
     *
     * @param type      the declaring class of the executing method
     * @param signature its signature
     * @return {@code true} if this execution is a link invoked by a running chain and must run its body
     */
    public boolean consume(Class<?> type, String signature) {
        if (!armed) {
            return false;
        }
        armed = false;
        return expectedLink.getDeclaringClass() == type && signature.equals(expectedSignature);
    }

    void clear() {
        armed = false;
        expectedLink = null;
        expectedSignature = null;
    }
}
