package dev.llmfallback.agentit;

import dev.llmfallback.agentit.redefined.NoInitializer;
import dev.llmfallback.weaver.agent.LlmFallbackAgent;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * Loads and initialises {@code NoInitializer} before any agent, calls {@link LlmFallbackAgent#install()}
 * (which weaves it by retransformation), then has another agent retransform it again, as Mockito would; calls
 * the head after each step.
 */
public final class RetransformLauncher {

    private RetransformLauncher() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("unwoven: " + call());
        System.out.println("installed: " + LlmFallbackAgent.install());
        System.out.println("woven by install(): " + call());
        ByteBuddyAgent.install().retransformClasses(NoInitializer.class);
        System.out.println("retransformed again: " + call());
    }

    private static String call() {
        try {
            return new NoInitializer().head("p");
        } catch (RuntimeException failure) {
            return failure.toString();
        }
    }
}
