package dev.llmfallback.agentit.demo;

import dev.llmfallback.FallbackTrace;

/**
 * The README's agent demo. Run it with the agent and it prints the answer of the provider that stood in and
 * the trace; without the agent, the 529 escapes and it says so (exit status 1).
 *
 * <pre>
 * java -javaagent:fallback-weaver/target/fallback-weaver-VERSION-agent.jar \
 *      -cp fallback-agent-it/target/classes:fallback-annotations/target/fallback-annotations-VERSION.jar \
 *      dev.llmfallback.agentit.demo.AgentDemo
 * </pre>
 */
public final class AgentDemo {

    private AgentDemo() {
    }

    /**
     * Calls the head once.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        String answer;
        try {
            answer = new Summarizer().callAnthropic("Providers go down; apps should not.");
        } catch (Overloaded unwoven) {
            System.out.println("The 529 escaped: Summarizer was not woven. Start the JVM with "
                    + "-javaagent:fallback-weaver-VERSION-agent.jar");
            System.exit(1);
            return;
        }
        System.out.println("answer: " + answer);
        System.out.println("trace:  " + FallbackTrace.current());
    }
}
