package dev.llmfallback.weaving;

import dev.llmfallback.FallbackConfigurationException;
import dev.llmfallback.internal.plan.AnnotatedChains;
import dev.llmfallback.internal.plan.ChainPlan;
import dev.llmfallback.internal.run.Chain;
import dev.llmfallback.internal.run.Engine;
import dev.llmfallback.internal.run.ThreadState;
import dev.llmfallback.internal.run.TraceStack;
import dev.llmfallback.internal.stream.StreamShape;
import java.lang.reflect.Method;
import java.util.List;

/**
 * The calls that woven code makes: the AspectJ aspect's advice (inlined into compile-time-woven classes) and
 * the Byte Buddy agent's advice (inlined into every woven method). Part of the weaving ABI: see the
 * {@linkplain dev.llmfallback.weaving package} for the compatibility rule.
 *
 * <p>Advice does exactly this:
 * <pre>{@code
 * Entry entry = WovenChains.enter(method);                  // or enter(declaringClass, "name(desc)ret")
 * if (entry == null) { return the method's own body; }       // a link of a running chain
 * if (entry instanceof Entry.Deferred) { return WovenChains.run((Entry.Deferred) entry, this, args); }
 * try { answer = the method's own body; } catch (Throwable failure) {
 *     return WovenChains.failed((Entry.Started) entry, failure, this, args); }
 * WovenChains.answered((Entry.Started) entry); return answer;
 * }</pre>
 * Running the head's body where it was called, rather than having the engine call the method again, keeps
 * the happy path cheap: no arguments array, no second interception. Thread-safe.
 */
public final class WovenChains {

    private WovenChains() {
    }

    /**
     * Called first thing on every intercepted execution of an {@code @LlmFallback} method: tells what this
     * execution is. Resolves the chain once per method (a misconfiguration too, which {@link #run} then
     * throws) and never throws a {@link FallbackConfigurationException}.
     *
     * @param method the executing method
     * @return {@code null} for a link of a running chain (run the body only), an {@link Entry.Deferred}, or
     *         an {@link Entry.Started}
     */
    public static Entry enter(Method method) {
        ThreadState thread = ThreadState.get();
        if (thread.guard().consume(method)) {
            return null;
        }
        AnnotatedChains.Head head = (AnnotatedChains.Head) thread.lastHead();
        if (head == null || head.method() != method || head.stale()) {
            head = AnnotatedChains.head(method);
            thread.lastHead(head);
        }
        return startOrDefer(head, thread);
    }

    /**
     * {@link #enter(Method)} for advice inlined into the method itself (the Byte Buddy agent), where a constant
     * class and a constant string cost less per call than a {@link Method}.
     *
     * @param type      the class that declares the executing method
     * @param signature the method's name followed by its JVM descriptor, e.g.
     *                  {@code callAnthropic(Ljava/lang/String;)Ljava/lang/String;}
     * @return as {@link #enter(Method)}
     * @throws IllegalArgumentException if {@code type} declares no {@code @LlmFallback} method with that
     *                                  signature
     */
    public static Entry enter(Class<?> type, String signature) {
        ThreadState thread = ThreadState.get();
        // A link the engine invokes and the head this thread called last are recognised by identity: the
        // advice's signature is a constant string, interned as the plan's is, so neither looks anything up.
        if (thread.guard().consume(type, signature)) {
            return null;
        }
        AnnotatedChains.Head head = (AnnotatedChains.Head) thread.lastHead();
        if (head == null || head.signature() != signature || head.type() != type
                || head.stale()) {
            head = AnnotatedChains.head(type, signature);
            thread.lastHead(head);
        }
        return startOrDefer(head, thread);
    }

    /**
     * Runs the whole chain, the head included, in the engine.
     *
     * @param entry  what {@link #enter} returned
     * @param target the receiver, or {@code null} for a static method
     * @param args   the call's arguments
     * @return the chain's answer; for a streaming head (SPEC §13), the committed stream as the head's declared
     *         type
     * @throws Throwable what the chain throws, unchanged, or {@link FallbackConfigurationException} if it is
     *                   misconfigured (before any link runs)
     */
    public static Object run(Entry.Deferred entry, Object target, Object[] args) throws Throwable {
        ChainPlan plan = AnnotatedChains.plan(entry.head.method());
        StreamShape streaming = plan.streamShape();
        return streaming == null ? Engine.run(plan.chain(), target, args) : streaming.run(plan.chain(), target, args);
    }

    /**
     * Ends the chain whose head, run in place, returned.
     *
     * @param entry what {@link #enter} returned
     */
    public static void answered(Entry.Started entry) {
        Engine.headAnswered(entry.frame);
    }

    /**
     * Goes on with the chain whose head, run in place, threw: the failure is judged and the next links run,
     * exactly as if the engine had invoked the head.
     *
     * @param entry   what {@link #enter} returned
     * @param failure what the head threw
     * @param target  the receiver, or {@code null} for a static method
     * @param args    the call's arguments; may be {@code null} when {@code failure} is an {@link Error}, which
     *                ends the chain unjudged
     * @return the chain's answer
     * @throws Throwable what the chain throws, unchanged
     */
    public static Object failed(Entry.Started entry, Throwable failure, Object target, Object[] args)
            throws Throwable {
        return Engine.headFailed(entry.frame, failure, target, args);
    }

    /**
     * Resolves every {@code @LlmFallback} chain that {@code type} declares, so that a front door can report
     * misconfigurations when it loads the class rather than at the first call. Never throws.
     *
     * @param type a class that declares {@code @LlmFallback} methods
     * @return one message per misconfigured chain; empty when every chain is valid
     */
    public static List<String> misconfigurations(Class<?> type) {
        return AnnotatedChains.misconfigurations(type);
    }

    private static Entry startOrDefer(AnnotatedChains.Head head, ThreadState thread) {
        Chain inline = head.inlineChain();
        if (inline != null && inline.headHealthy()) {
            TraceStack.Frame frame = Engine.startInline(inline, thread);
            Object started = frame.attachment();
            return started != null ? (Entry.Started) started : Entry.Started.attachTo(frame);
        }
        Object deferred = head.attachment();
        return deferred != null ? (Entry.Deferred) deferred : Entry.Deferred.attachTo(head);
    }
}
