package dev.llmfallback.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmfallback.examples.fake.FakeProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The executable fat jar as it is deployed: {@code java -javaagent:<agent jar> -jar <app>.jar} in a forked JVM
 * (Spring Boot's nested-jar class loader loads the application), against fake providers this test runs on
 * loopback, the Anthropic one answering 529. Runs after {@code package} (failsafe), on the jar the build made.
 */
class FatJarUnderAgentIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");
    /** A generous bound for a Boot start on a loaded 2-core machine; the wait ends as soon as the app is up. */
    private static final long START_TIMEOUT_SECONDS = 180;

    static FakeProvider anthropic;
    static FakeProvider openAi;
    static Process app;
    static final StringBuffer output = new StringBuffer();
    static int port;

    @BeforeAll
    static void bootTheFatJarUnderTheAgent() throws Exception {
        Path fatJar = Path.of(System.getProperty("example.fatJar"));
        Path agentJar = Path.of(System.getProperty("example.agentJar"));
        assertThat(fatJar).as("the fat jar (spring-boot:repackage at package)").isRegularFile();
        assertThat(agentJar).as("the agent jar").isRegularFile();
        anthropic = FakeProvider.anthropic(FakeProvidersConfiguration.behaviour("overloaded"));
        openAi = FakeProvider.openAi();

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        app = new ProcessBuilder(List.of(java, "-javaagent:" + agentJar, "-Dllmfallback.agent.log=info",
                "-jar", fatJar.toString(),
                "--server.address=127.0.0.1", "--server.port=0",
                "--llm.anthropic.base-url=" + anthropic.baseUrl(), "--llm.anthropic.api-key=sk-fake",
                "--llm.openai.base-url=" + openAi.baseUrl(), "--llm.openai.api-key=sk-fake"))
                .redirectErrorStream(true)
                .start();
        port = awaitPort();
    }

    /** Reads the app's output until Boot says which port Tomcat took; fails if the app exits or never says. */
    private static int awaitPort() throws Exception {
        CompletableFuture<Integer> started = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.append(line).append('\n');
                    Matcher matcher = STARTED.matcher(line);
                    if (matcher.find()) {
                        started.complete(Integer.parseInt(matcher.group(1)));
                    }
                }
                started.completeExceptionally(new IllegalStateException("the app exited before it started"));
            } catch (IOException e) {
                started.completeExceptionally(e);
            }
        }, "fat-jar-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return started.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new AssertionError("the fat jar did not start: " + e + "\n" + output, e);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (anthropic != null) {
            anthropic.close();
        }
        if (openAi != null) {
            openAi.close();
        }
    }

    @Test
    void theAgentWeavesTheChainBean_insideTheFatJar() {
        assertThat(output.toString())
                .contains("[llm-fallback agent] active (-javaagent)")
                .contains("[llm-fallback agent] wove dev.llmfallback.examples.boot.Summarizer");
    }

    @Test
    void overloadedAnthropic_isServedByOpenAi_oneChainRunPerCall() throws Exception {
        for (int call = 0; call < 3; call++) {
            int anthropicAsked = anthropic.requestCount();
            int openAiAsked = openAi.requestCount();

            HttpResponse<String> response = post("{\"text\": \"Providers go down. A chain keeps answering.\"}");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("summary").asText()).isEqualTo("[fake openai] Providers go down.");
            assertThat(body.get("servedBy").asText()).isEqualTo("openai");
            assertThat(SummarizeApplicationTest.strings(body.get("path")))
                    .containsExactly("anthropic FAILED (529 overloaded)", "openai SUCCEEDED");
            assertThat(anthropic.requestCount() - anthropicAsked).as("Anthropic asked, call %d", call).isEqualTo(1);
            assertThat(openAi.requestCount() - openAiAsked).as("OpenAI asked, call %d", call).isEqualTo(1);
        }
    }

    private static HttpResponse<String> post(String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/summarize"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
