package dev.llmfallback.agentit;

import dev.llmfallback.weaver.agent.LlmFallbackAgent;

/**
 * Loads and initialises {@code MisconfiguredClient} before any agent, then calls
 * {@link LlmFallbackAgent#install()}: the already loaded class is woven by retransformation, and its
 * misconfigured chain reported then; the calls after fail as they must.
 */
public final class InstallLauncher {

    private InstallLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Class.forName("dev.llmfallback.agentit.apps.MisconfiguredClient", true, InstallLauncher.class.getClassLoader());
        System.out.println("installed: " + LlmFallbackAgent.install());
        dev.llmfallback.agentit.apps.MisconfiguredApp.main(args);
    }
}
