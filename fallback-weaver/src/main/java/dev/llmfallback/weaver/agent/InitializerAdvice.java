package dev.llmfallback.weaver.agent;

import dev.llmfallback.weaving.WovenChains;
import net.bytebuddy.asm.Advice;

/**
 * The code the agent adds at the end of a woven class's static initializer: every {@code @LlmFallback}
 * chain the class declares is resolved there, once, and each misconfigured one is reported in one line on
 * {@code System.err}, before any code of the class can run. Calls still fail, every time, with the same
 * {@link dev.llmfallback.FallbackConfigurationException}: a misconfigured chain is never left unwoven.
 * Suppressed, like all glue: a failure here must not make the class fail to initialise. Never loaded; see
 * {@link ChainAdvice}.
 */
final class InitializerAdvice {

    private InitializerAdvice() {
    }

    /**
     * After the class's own static initialisation completed normally.
     *
     * @param type the class, a constant
     */
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void reportMisconfigurations(@Advice.Origin Class<?> type) {
        // String.concat, not +: javac compiles + to invokedynamic, which old class files cannot hold.
        // AgentLog.PREFIX is a compile-time constant, copied here: the woven class never sees AgentLog.
        for (String problem : WovenChains.misconfigurations(type)) {
            System.err.println(AgentLog.PREFIX.concat(type.getName()).concat(": ").concat(problem));
        }
    }
}
