package dev.llmfallback.weaver.agent;

import dev.llmfallback.internal.AnnotatedChains;
import java.lang.reflect.Method;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The code the agent inlines into every {@code @LlmFallback} method: the same decision as the AspectJ
 * aspect's around advice, split into Byte Buddy's enter and exit advice. Never loaded: Byte Buddy copies
 * its bytecode into the woven method, where it calls the engine through the woven class's own class loader.
 *
 * <p>What can fail where, and why:
 * <ul>
 *   <li>Enter: look up the executing method from two constants (its class and its name and descriptor; no
 *       reflection per call) and ask whether this execution is a link of a chain already running on this
 *       thread. This is glue only, so it is {@code suppress}ed: were it ever to fail, the method runs its own
 *       body as if unwoven, rather than failing for a reason of the agent's.</li>
 *   <li>Body: skipped when enter returned a method (a chain must start), run otherwise.</li>
 *   <li>Exit: runs the chain and makes its answer the method's return value ({@code null} included,
 *       dynamically cast to the method's return type). Not suppressed: what the chain throws (a link's
 *       failure, checked or not, a predicate's exception, {@code AllProvidersFailedException},
 *       {@code FallbackConfigurationException}) leaves the method unchanged. Runs only on normal completion
 *       or skip, so a link's own failure leaves its body untouched too.</li>
 * </ul>
 * The arguments array is built only when a chain starts; nothing else is allocated by the advice.
 */
final class ChainAdvice {

    private ChainAdvice() {
    }

    /**
     * Before the body.
     *
     * @param type      the declaring class, a constant
     * @param signature the method's name and descriptor, a constant
     * @return the method whose chain to run (the body is then skipped), or {@code null} to run the body
     */
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static Method enter(@Advice.Origin Class<?> type, @Advice.Origin("#m#d") String signature) {
        return AnnotatedChains.chainToStart(type, signature);
    }

    /**
     * After the body, or instead of it.
     *
     * @param head     what {@link #enter} returned
     * @param self     the receiver, {@code null} for a static method
     * @param args     the arguments; only read (and so only allocated) when a chain runs
     * @param returned the method's return value, replaced by the chain's answer when a chain ran
     * @throws Throwable what the chain throws, unchanged
     */
    @Advice.OnMethodExit
    static void exit(@Advice.Enter Method head, @Advice.This(optional = true) Object self,
            @Advice.AllArguments Object[] args,
            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) throws Throwable {
        if (head != null) {
            returned = AnnotatedChains.run(head, self, args);
        }
    }
}
