package dev.llmfallback.weaver.agent;

import dev.llmfallback.weaving.Entry;
import dev.llmfallback.weaving.WovenChains;
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
 *       reflection per call) and ask the engine what this execution is ({@link WovenChains#enter}):
 *       a link of a chain already running on this thread, a chain the engine must run, or a chain that has
 *       just started with this body as its head. This is glue only, so it is {@code suppress}ed: were it
 *       ever to fail, the method runs its own body as if unwoven, rather than failing for a reason of the
 *       agent's.</li>
 *   <li>Body: skipped when enter returned {@link Entry.Deferred} (the engine runs the chain), run otherwise; as the
 *       chain's head it runs where it stands, so the happy path neither re-enters the method nor builds
 *       the arguments array.</li>
 *   <li>Exit, after the body returned or threw, or instead of it: ends the started chain, or hands the
 *       head's failure to the engine, which runs the next links; or runs the whole chain. The chain's
 *       answer becomes the method's return value ({@code null} included, dynamically cast to the method's
 *       return type). Not suppressed: what the chain throws (a link's failure, checked or not, a
 *       predicate's exception, {@code AllProvidersFailedException}, {@code FallbackConfigurationException})
 *       leaves the method unchanged. When the execution is a link of a running chain, its outcome is left
 *       exactly as the body made it.</li>
 * </ul>
 * The arguments array is built only when the engine needs it (a fall-over, a chain the engine runs);
 * nothing else is allocated by the advice.
 */
final class ChainAdvice {

    private ChainAdvice() {
    }

    /**
     * Before the body.
     *
     * @param type      the declaring class, a constant
     * @param signature the method's name and descriptor, a constant
     * @return what {@link WovenChains#enter} returned: an {@link Entry.Deferred} skips the body
     */
    @Advice.OnMethodEnter(skipOn = Entry.Deferred.class, suppress = Throwable.class)
    static Entry enter(@Advice.Origin Class<?> type, @Advice.Origin("#m#d") String signature) {
        return WovenChains.enter(type, signature);
    }

    /**
     * After the body, or instead of it.
     *
     * @param head     what {@link #enter} returned
     * @param self     the receiver, {@code null} for a static method
     * @param args     the arguments, as called; only read (and so only allocated) when the engine needs them
     * @param returned the method's return value, replaced by the chain's answer when a link other than
     *                 this body answered
     * @param thrown   what the body threw, cleared when the chain goes on to answer
     * @throws Throwable what the chain throws, unchanged
     */
    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter Entry head, @Advice.This(optional = true) Object self,
            @Advice.AllArguments Object[] args,
            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
            @Advice.Thrown(readOnly = false) Throwable thrown) throws Throwable {
        if (head == null) {
            return;
        }
        if (head instanceof Entry.Deferred) {
            returned = WovenChains.run((Entry.Deferred) head, self, args);
        } else if (thrown == null) {
            WovenChains.answered((Entry.Started) head);
        } else {
            Throwable failure = thrown;
            thrown = null;
            // An Error ends the chain unjudged: no arguments array for it, which could fail again after an
            // OutOfMemoryError and leave the chain started.
            returned = WovenChains.failed((Entry.Started) head, failure, self, failure instanceof Error ? null : args);
        }
    }
}
