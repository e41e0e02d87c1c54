package dev.llmfallback.spring.boot;

import com.anthropic.client.AnthropicClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.examples.fake.FakeProvider;
import dev.llmfallback.spring.boot.app.Summaries;
import dev.llmfallback.spring.boot.app.TunedApp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@link TunedApp} started for real over the fake providers, with the settings its chains are tuned by, and a small
 * HTTP client for its actuator (loopback only). Closing it stops the application and the fakes.
 */
final class TunedAppRun implements AutoCloseable {

    static final String TEXT = "Providers go down. A chain of providers keeps answering.";

    /** The settings every run has; tests add their own. */
    static final List<String> SETTINGS = List.of(
            "summaries.timeout=1500ms",
            "llm-fallback.providers.anthropic.timeout=1s",
            "llm-fallback.providers.anthropic.health.overloaded=2s",
            "llm-fallback.chains.[TunedSummaries.summarizeBriefly].deadline=1200ms",
            "server.address=127.0.0.1",
            "server.port=0",
            "management.endpoints.web.exposure.include=health,llmfallback",
            "management.endpoint.health.show-details=always");

    private static final ObjectMapper JSON = new ObjectMapper();

    final FakeProvider anthropic = FakeProvider.anthropic();
    final FakeProvider openAi = FakeProvider.openAi();
    final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newHttpClient();

    TunedAppRun(WebApplicationType web, Class<?>[] more, String... settings) {
        List<String> properties = new ArrayList<>(SETTINGS);
        properties.add("fake.anthropic.url=" + anthropic.baseUrl());
        properties.add("fake.openai.url=" + openAi.baseUrl());
        properties.addAll(List.of(settings));
        Class<?>[] sources = new Class<?>[more.length + 1];
        sources[0] = TunedApp.class;
        System.arraycopy(more, 0, sources, 1, more.length);
        try {
            context = new SpringApplicationBuilder(sources)
                    .web(web)
                    .bannerMode(Banner.Mode.OFF)
                    .logStartupInfo(false)
                    .properties(properties.toArray(String[]::new))
                    .run();
        } catch (RuntimeException failed) {
            anthropic.close();
            openAi.close();
            throw failed;
        }
        // The SDKs' first call loads a few thousand classes, which must not count against a link's timeout.
        Summaries.anthropic(context.getBean(AnthropicClient.class), TEXT);
        Summaries.openAi(context.getBean(OpenAIClient.class), TEXT);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).GET().build());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).DELETE().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + path);
    }

    static List<String> path() {
        return FallbackTrace.current().attempts().stream()
                .map(attempt -> attempt.provider() + " " + attempt.outcome())
                .collect(Collectors.toList());
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            anthropic.close();
            openAi.close();
        }
    }
}
