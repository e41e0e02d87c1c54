package dev.llmfallback.examples.sdk;

import com.anthropic.client.AnthropicClient;
import com.openai.client.OpenAIClient;
import dev.llmfallback.Attempt;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.examples.fake.Behaviour;
import dev.llmfallback.examples.fake.FakeProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Summarises one text with {@link Summarizer} and prints the answer and the trace.
 *
 * <p>With {@code ANTHROPIC_API_KEY} / {@code OPENAI_API_KEY} set, the real APIs are called (see
 * {@link Endpoint} for the other variables); for each key not set, a local fake stands in. The fake
 * Anthropic answers 529 overloaded, so that without keys the run shows a fall-over to OpenAI. Run it under
 * the agent with {@code mvn -q -B -pl fallback-examples -am -DskipTests -Psummarize verify}.
 */
public final class SummarizerExample {

    private static final String TEXT = "Providers go down. When the primary LLM provider is rate-limited or "
            + "overloaded, an application that calls only that provider fails with it. A second provider, or "
            + "a small local model, could still have answered. A fallback chain tries them in order, and a "
            + "trace tells afterwards which one answered and why the others did not.";

    private SummarizerExample() {
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        List<FakeProvider> fakes = new ArrayList<>();
        Map<String, String> env = System.getenv();
        try {
            Endpoint anthropicEndpoint = Endpoint.anthropic(env, () -> started(fakes, FakeProvider.anthropic(Behaviour.overloaded())));
            Endpoint openAiEndpoint = Endpoint.openAi(env, () -> started(fakes, FakeProvider.openAi()));
            System.out.println("anthropic: " + anthropicEndpoint);
            System.out.println("openai:    " + openAiEndpoint);

            AnthropicClient anthropic = ProviderClients.anthropic(anthropicEndpoint, ProviderClients.RECOMMENDED_TIMEOUT);
            OpenAIClient openAi = ProviderClients.openAi(openAiEndpoint, ProviderClients.RECOMMENDED_TIMEOUT);
            try {
                Summarizer summarizer = new Summarizer(anthropic, anthropicEndpoint.model(), openAi, openAiEndpoint.model());

                String summary = summarizer.callAnthropic(TEXT);

                FallbackTrace trace = FallbackTrace.current();
                System.out.println("answer:    " + summary);
                System.out.println("trace:     " + trace);
                for (Attempt attempt : trace.attempts()) {
                    System.out.println("  " + attempt);
                }
                if (trace.attempts().isEmpty()) {
                    throw new IllegalStateException("no chain ran: start the JVM with "
                            + "-javaagent:fallback-weaver-VERSION-agent.jar (mvn -Psummarize does)");
                }
            } finally {
                anthropic.close();
                openAi.close();
            }
        } finally {
            fakes.forEach(FakeProvider::close);
        }
    }

    private static FakeProvider started(List<FakeProvider> fakes, FakeProvider fake) {
        fakes.add(fake);
        return fake;
    }
}
