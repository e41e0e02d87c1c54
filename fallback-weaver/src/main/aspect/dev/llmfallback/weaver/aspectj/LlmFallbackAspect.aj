package dev.llmfallback.weaver.aspectj;

import dev.llmfallback.weaving.Entry;
import dev.llmfallback.weaving.WovenChains;
import java.lang.reflect.Method;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.annotation.SuppressAjWarnings;
import org.aspectj.lang.reflect.MethodSignature;

/**
 * Runs the fallback chain of every method annotated {@link dev.llmfallback.LlmFallback} whose execution
 * it is woven into, compile-time or load-time.
 *
 * <p>Code style, so that the advice needs no {@code thisJoinPoint}: the receiver and the arguments are
 * bound by the pointcut, one advice per arity up to three, instance and static apart, and the head's body
 * runs in place through {@code proceed}. Compile-time weaving then inlines the advice into the woven method
 * (ajc inlines around advice of an aspect it compiled, also from the aspect path): no join point, no
 * closure, and the arguments array only when the engine needs it, after a failure. Load-time weaving
 * usually weaves a class before it has read this aspect, and then passes a closure to the advice instead
 * (48 B per call). Methods with four or more parameters take the receiver and arguments from
 * {@code thisJoinPoint}, which AspectJ builds on every call of an around advice that mentions it. Why this
 * is not an annotation-style {@code @Around}: one taking a {@code ProceedingJoinPoint} is never inlined
 * and costs a join point and a closure on every call (160 B, measured in BENCHMARKS.md).
 *
 * <p>Code woven at compile time holds a copy of the advice: re-weave when upgrading llm-fallback.
 *
 * <p>Only {@code execution} join points: one call is intercepted once. A singleton aspect, stateless and
 * thread-safe.
 */
public aspect LlmFallbackAspect {

    pointcut instanceHead(): execution(@dev.llmfallback.LlmFallback !static * *(..));

    pointcut staticHead(): execution(@dev.llmfallback.LlmFallback static * *(..));

    // ------------------------------------------------------------------------------------- instance methods

    @SuppressAjWarnings({"adviceDidNotMatch"})
    Object around(Object self): instanceHead() && execution(* *()) && this(self) {
        Method method = method(thisJoinPointStaticPart);
        Entry head = WovenChains.enter(method);
        if (head == null) {
            return proceed(self);
        }
        if (head instanceof Entry.Deferred) {
            return run((Entry.Deferred) head, self, new Object[0]);
        }
        Object answer;
        try {
            answer = proceed(self);
        } catch (Throwable failure) {
            return failed((Entry.Started) head, failure, self, failure instanceof Error ? null : new Object[0]);
        }
        WovenChains.answered((Entry.Started) head);
        return answer;
    }

    @SuppressAjWarnings({"adviceDidNotMatch"})
    Object around(Object self, Object a): instanceHead() && execution(* *(*)) && this(self) && args(a) {
        Method method = method(thisJoinPointStaticPart);
        Entry head = WovenChains.enter(method);
        if (head == null) {
            return proceed(self, a);
        }
        if (head instanceof Entry.Deferred) {
            return run((Entry.Deferred) head, self, new Object[] {a});
        }
        Object answer;
        try {
            answer = proceed(self, a);
        } catch (Throwable failure) {
            return failed((Entry.Started) head, failure, self, failure instanceof Error ? null : new Object[] {a});
        }
        WovenChains.answered((Entry.Started) head);
        return answer;
    }

    @SuppressAjWarnings({"adviceDidNotMatch"})
    Object around(Object self, Object a, Object b):
            instanceHead() && execution(* *(*, *)) && this(self) && args(a, b) {
        Method method = method(thisJoinPointStaticPart);
        Entry head = WovenChains.enter(method);
        if (head == null) {
            return proceed(self, a, b);
        }
        if (head instanceof Entry.Deferred) {
            return run((Entry.Deferred) head, self, new Object[] {a, b});
        }
        Object answer;
        try {
            answer = proceed(self, a, b);
        } catch (Throwable failure) {
            return failed((Entry.Started) head, failure, self, failure instanceof Error ? null : new Object[] {a, b});
        }
        WovenChains.answered((Entry.Started) head);
        return answer;
    }

    @SuppressAjWarnings({"adviceDidNotMatch"})
    Object around(Object self, Object a, Object b, Object c):
            instanceHead() && execution(* *(*, *, *)) && this(self) && args(a, b, c) {
        Method method = method(thisJoinPointStaticPart);
        Entry head = WovenChains.enter(method);
        if (head == null) {
            return proceed(self, a, b, c);
        }
        if (head instanceof Entry.Deferred) {
            return run((Entry.Deferred) head, self, new Object[] {a, b, c});
        }
        Object answer;
        try {
            answer = proceed(self, a, b, c);
        } catch (Throwable failure) {
            return failed((Entry.Started) head, failure, self, failure instanceof Error ? null : new Object[] {a, b, c});
        }
        WovenChains.answered((Entry.Started) head);
        return answer;
    }

    // --------------------------------------------------------------------------------------- static methods

    @SuppressAjWarnings({"adviceDidNotMatch"})
    Object around(): staticHead() && execution(* *()) {
        Method method = method(thisJoinPointStaticPart);
        Entry head = WovenChains.enter(method);
        if (head == null) {
            return proceed();
        }
        if (head instanceof Entry.Deferred) {
            return run((Entry.Deferred) head, null, new Object[0]);
        }
        Object answer;
        try {
            answer = proceed();
        } catch (Throwable failure) {
            return failed((Entry.Started) head, failure, null, failure instanceof Error ? null : new Object[0]);
        }
        WovenChains.answered((Entry.Started) head);
        return answer;
    }

    @SuppressAjWarnings({"adviceDidNotMatch"})
    Object around(Object a): staticHead() && execution(* *(*)) && args(a) {
        Method method = method(thisJoinPointStaticPart);
        Entry head = WovenChains.enter(method);
        if (head == null) {
            return proceed(a);
        }
        if (head instanceof Entry.Deferred) {
            return run((Entry.Deferred) head, null, new Object[] {a});
        }
        Object answer;
        try {
            answer = proceed(a);
        } catch (Throwable failure) {
            return failed((Entry.Started) head, failure, null, failure instanceof Error ? null : new Object[] {a});
        }
        WovenChains.answered((Entry.Started) head);
        return answer;
    }

    @SuppressAjWarnings({"adviceDidNotMatch"})
    Object around(Object a, Object b): staticHead() && execution(* *(*, *)) && args(a, b) {
        Method method = method(thisJoinPointStaticPart);
        Entry head = WovenChains.enter(method);
        if (head == null) {
            return proceed(a, b);
        }
        if (head instanceof Entry.Deferred) {
            return run((Entry.Deferred) head, null, new Object[] {a, b});
        }
        Object answer;
        try {
            answer = proceed(a, b);
        } catch (Throwable failure) {
            return failed((Entry.Started) head, failure, null, failure instanceof Error ? null : new Object[] {a, b});
        }
        WovenChains.answered((Entry.Started) head);
        return answer;
    }

    @SuppressAjWarnings({"adviceDidNotMatch"})
    Object around(Object a, Object b, Object c): staticHead() && execution(* *(*, *, *)) && args(a, b, c) {
        Method method = method(thisJoinPointStaticPart);
        Entry head = WovenChains.enter(method);
        if (head == null) {
            return proceed(a, b, c);
        }
        if (head instanceof Entry.Deferred) {
            return run((Entry.Deferred) head, null, new Object[] {a, b, c});
        }
        Object answer;
        try {
            answer = proceed(a, b, c);
        } catch (Throwable failure) {
            return failed((Entry.Started) head, failure, null, failure instanceof Error ? null : new Object[] {a, b, c});
        }
        WovenChains.answered((Entry.Started) head);
        return answer;
    }

    // ------------------------------------------------------------------------- four or more parameters

    @SuppressAjWarnings({"adviceDidNotMatch"})
    Object around(): execution(@dev.llmfallback.LlmFallback * *(*, *, *, *, ..)) {
        Method method = method(thisJoinPointStaticPart);
        Entry head = WovenChains.enter(method);
        if (head == null) {
            return proceed();
        }
        if (head instanceof Entry.Deferred) {
            return run((Entry.Deferred) head, thisJoinPoint.getThis(), thisJoinPoint.getArgs());
        }
        Object answer;
        try {
            answer = proceed();
        } catch (Throwable failure) {
            return failed((Entry.Started) head, failure, thisJoinPoint.getThis(), failure instanceof Error ? null : thisJoinPoint.getArgs());
        }
        WovenChains.answered((Entry.Started) head);
        return answer;
    }

    // ------------------------------------------------------------------------------------------- helpers

    private static Method method(JoinPoint.StaticPart joinPoint) {
        return ((MethodSignature) joinPoint.getSignature()).getMethod();
    }

    private static Object run(Entry.Deferred entry, Object target, Object[] args) {
        try {
            return WovenChains.run(entry, target, args);
        } catch (Throwable thrown) {
            throw LlmFallbackAspect.<RuntimeException>sneaky(thrown);
        }
    }

    /**
     * {@link WovenChains#failed}, checked exceptions rethrown unchanged. An {@link Error} ends the chain
     * unjudged, so the advice passes no arguments for it: building an array after an OutOfMemoryError could
     * fail again and leave the chain started.
     */
    private static Object failed(Entry.Started head, Throwable failure, Object target, Object[] args) {
        try {
            return WovenChains.failed(head, failure, target, args);
        } catch (Throwable thrown) {
            throw LlmFallbackAspect.<RuntimeException>sneaky(thrown);
        }
    }

    /** Rethrows any throwable unchecked: the engine throws exactly what the chain threw, checked or not. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable thrown) throws T {
        throw (T) thrown;
    }
}
