package dev.llmfallback.weaver.agent;

import java.lang.instrument.Instrumentation;

/**
 * The java agent front door: weaves the execution of every method annotated
 * {@link dev.llmfallback.LlmFallback} so that calling it runs its fallback chain, exactly as the AspectJ
 * aspect does (see the rules in {@link dev.llmfallback}).
 *
 * <p>Start the JVM with {@code -javaagent:fallback-weaver-VERSION-agent.jar}, or call {@link #install()}
 * from code that cannot change the command line. The agent jar carries no copy of the API: woven code
 * calls the {@code fallback-annotations} classes the application already has, through the application's
 * own class loader.
 *
 * <p>An agent that fails to start never stops the application: every entry point reports the failure in one
 * line on {@code System.err} and returns. The system property {@code llmfallback.agent.log}
 * ({@code quiet}, {@code warn} (the default), {@code info} or {@code debug}) sets how much it says.
 * Thread-safe; starting twice in one JVM is harmless (the second start does nothing).
 */
public final class LlmFallbackAgent {

    private LlmFallbackAgent() {
    }

    /**
     * Called by the JVM for {@code -javaagent:}, before {@code main}.
     *
     * @param arguments       the text after {@code =} in {@code -javaagent:jar=text}; ignored
     * @param instrumentation supplied by the JVM
     */
    public static void premain(String arguments, Instrumentation instrumentation) {
        start(instrumentation, false, "-javaagent");
    }

    /**
     * Called by the JVM when the agent is attached to a running JVM; also weaves the annotated classes
     * that are already loaded.
     *
     * @param arguments       the agent's argument text; ignored
     * @param instrumentation supplied by the JVM
     */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        start(instrumentation, true, "attached");
    }

    /**
     * Starts the agent in the running JVM, for tests and for applications that cannot change their command
     * line; does nothing if it is already active. Needs this jar (the {@code agent} classifier) on the class
     * path and a JDK, not a bare JRE. It attaches to its own JVM through Byte Buddy's attacher, from a helper
     * process where the JVM forbids self-attachment: JDK 21 and later then print a warning about a
     * dynamically loaded agent unless the JVM was started with {@code -XX:+EnableDynamicAgentLoading}.
     * Classes loaded before the call are woven too (retransformed), when their class files can be read
     * through their class loader.
     *
     * @return {@code true} if the agent is active when this returns; {@code false} if it could not start,
     *         which it has reported on {@code System.err}
     */
    public static boolean install() {
        try {
            return AgentRuntime.install();
        } catch (Throwable failure) {
            return notStarted("install()", failure);
        }
    }

    private static void start(Instrumentation instrumentation, boolean weaveLoadedClasses, String how) {
        try {
            AgentRuntime.start(instrumentation, weaveLoadedClasses, how);
        } catch (Throwable failure) {
            notStarted(how, failure);
        }
    }

    private static boolean notStarted(String how, Throwable failure) {
        try {
            System.err.println(AgentLog.PREFIX + "not started (" + how + "), the application runs without "
                    + "llm-fallback's agent: " + failure);
        } catch (Throwable ignored) {
            // Nothing left to report with; the application must go on.
        }
        return false;
    }
}
