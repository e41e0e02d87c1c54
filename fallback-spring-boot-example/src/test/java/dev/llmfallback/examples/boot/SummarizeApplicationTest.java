package dev.llmfallback.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmfallback.examples.fake.FakeProvider;
import dev.llmfallback.spring.LlmFallbackAdvisor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The example as the README runs it: the application on a real port with the profile {@code fakes} (the fake
 * Anthropic answers 529 overloaded), no agent, so the starter's Spring AOP door runs the chain; requests with the
 * JDK's HTTP client, as {@code curl} sends them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("fakes")
@ExtendWith(OutputCaptureExtension.class)
class SummarizeApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("anthropicFake")
    FakeProvider anthropic;

    @Autowired
    @Qualifier("openAiFake")
    FakeProvider openAi;

    @Autowired
    Summarizer summarizer;

    @Test
    void overloadedAnthropic_isServedByOpenAi_inOneChainRun() throws Exception {
        int anthropicAsked = anthropic.requestCount();
        int openAiAsked = openAi.requestCount();

        HttpResponse<String> response = post("{\"text\": \"Providers go down. A chain keeps answering.\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("summary").asText()).isEqualTo("[fake openai] Providers go down.");
        assertThat(body.get("servedBy").asText()).isEqualTo("openai");
        assertThat(strings(body.get("path"))).containsExactly("anthropic FAILED (529 overloaded)", "openai SUCCEEDED");
        assertThat(anthropic.requestCount() - anthropicAsked).isEqualTo(1);
        assertThat(openAi.requestCount() - openAiAsked).isEqualTo(1);
    }

    @Test
    void withoutTheAgent_theStartersAdvisorRunsTheChain() {
        assertThat(System.getProperty("dev.llmfallback.agent.active")).isNull();
        assertThat(AopUtils.isCglibProxy(summarizer)).isTrue();
        assertThat(((Advised) summarizer).getAdvisors()).hasExactlyElementsOfTypes(LlmFallbackAdvisor.class);
    }

    @Test
    void theLogSaysWhoServed_butNeverTheText(CapturedOutput output) throws Exception {
        String marker = "PRIVATE-MARKER-7f3a. Nobody may log this.";

        HttpResponse<String> response = post(JSON.writeValueAsString(Map.of("text", marker)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(output.getAll()).contains("summary: FallbackTrace[anthropic FAILED 529 overloaded")
                .contains("-> openai SUCCEEDED").doesNotContain("PRIVATE-MARKER");
    }

    private HttpResponse<String> post(String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/summarize"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }
}
