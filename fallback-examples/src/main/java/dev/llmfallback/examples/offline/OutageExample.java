package dev.llmfallback.examples.offline;

import dev.llmfallback.Attempt;
import dev.llmfallback.FallbackTrace;

/**
 * Calls {@link Summarizer#callAnthropic} during a simulated outage and prints the answer and the trace.
 * Run with {@code mvn -q -B -pl fallback-examples -am -DskipTests -Pexample verify}.
 */
public final class OutageExample {

    private OutageExample() {
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        String text = "Providers go down. When the primary LLM provider is rate-limited or overloaded, "
                + "an application that calls only that provider fails with it, while a second provider or a "
                + "small local model could still have answered. That is the problem llm-fallback solves.";

        String summary = new Summarizer().callAnthropic(text);

        FallbackTrace trace = FallbackTrace.current();
        System.out.println("answer:  " + summary);
        System.out.println("trace:   " + trace);
        for (Attempt attempt : trace.attempts()) {
            System.out.println("  " + attempt);
        }
        if (trace.winner().isEmpty() || trace.attempts().size() != 3) {
            throw new IllegalStateException("expected two fall-overs and an answer; is the example woven?");
        }
    }
}
