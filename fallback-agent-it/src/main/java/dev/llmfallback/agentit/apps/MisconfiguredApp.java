package dev.llmfallback.agentit.apps;

/**
 * Loads {@link MisconfiguredClient}, then calls its misconfigured head three times on two instances and its
 * valid chain once, printing one line per call. The agent's report comes once, when the class initialises.
 */
public final class MisconfiguredApp {

    private MisconfiguredApp() {
    }

    /**
     * Runs the calls.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("main: starting");
        for (int i = 0; i < 3; i++) {
            try {
                new MisconfiguredClient().head("secret prompt");
                System.out.println("call " + i + ": returned");
            } catch (RuntimeException failure) {
                System.out.println("call " + i + ": " + failure);
            }
        }
        System.out.println("valid: " + new MisconfiguredClient().valid("prompt"));
    }
}
