package dev.llmfallback.spring.boot;

import static dev.llmfallback.spring.boot.TunedAppRun.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmfallback.ProviderHealth;
import dev.llmfallback.examples.fake.Behaviour;
import dev.llmfallback.spring.boot.app.TunedSummaries;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;

/**
 * The actuator over HTTP on a real port (loopback), as an operator sees it with the default access: the
 * {@code llmfallback} endpoint lists the chains with the settings in force and the providers' health, refuses its
 * write operations, and the health contributor stays UP while a provider cools.
 */
class ActuatorEndpointTest {

    static TunedAppRun app;

    @BeforeAll
    static void start() {
        app = new TunedAppRun(WebApplicationType.SERVLET, new Class<?>[0]);
    }

    @AfterEach
    void healthy() {
        ProviderHealth.shared().resetAll();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void endpoint_listsTheChains_withTheirLinksAndTheSettingsInForce() throws Exception {
        JsonNode chains = app.get("/actuator/llmfallback").get("chains");

        JsonNode summarize = named(chains, "TunedSummaries.summarize");
        assertThat(summarize.get("head").asText())
                .isEqualTo("dev.llmfallback.spring.boot.app.TunedSummaries#summarize(String)");
        assertThat(summarize.get("async").asBoolean()).isFalse();
        assertThat(summarize.get("deadline").isNull()).isTrue();
        JsonNode head = summarize.get("links").get(0);
        assertThat(head.get("provider").asText()).isEqualTo("anthropic");
        assertThat(head.get("method").asText()).isEqualTo("TunedSummaries.summarize");
        assertThat(head.get("timeout").asText()).as("from llm-fallback.providers.anthropic.timeout").isEqualTo("PT1S");
        assertThat(head.get("skipOn").asText()).isEqualTo("RetryableOnly");
        assertThat(head.get("health").asText()).as("from llm-fallback.providers.anthropic.health")
                .isEqualTo("OutageCooldown");
        JsonNode last = summarize.get("links").get(1);
        assertThat(last.get("provider").asText()).isEqualTo("openai");
        assertThat(last.get("timeout").isNull()).isTrue();
        assertThat(last.get("health").asText()).isEqualTo("NoCooldown");

        assertThat(named(chains, "TunedSummaries.summarizeWithin").get("links").get(0).get("timeout").asText())
                .as("${summaries.timeout}").isEqualTo("PT1.5S");
        assertThat(named(chains, "TunedSummaries.summarizeBriefly").get("deadline").asText()).isEqualTo("PT1.2S");
        assertThat(names(chains)).contains("TunedSummaries.openAi", "ContextProbe.look");
    }

    @Test
    void endpoint_showsProviderHealth_coolingWithReasonAndTimeLeft() throws Exception {
        app.anthropic.enqueue(Behaviour.overloaded());
        app.bean(TunedSummaries.class).summarize(TEXT);

        JsonNode anthropic = named(app.get("/actuator/llmfallback").get("providers"), "anthropic", "provider");
        assertThat(anthropic.get("status").asText()).isEqualTo("COOLING");
        assertThat(anthropic.get("reason").asText()).contains("529");
        assertThat(anthropic.get("until").asText()).isNotEmpty();
        assertThat(anthropic.get("timeLeftMillis").asLong()).isBetween(1L, 2000L);

        JsonNode one = app.get("/actuator/llmfallback/openai");
        assertThat(one.get("provider").asText()).isEqualTo("openai");
        assertThat(one.get("status").asText()).isEqualTo("HEALTHY");
    }

    @Test
    void writeOperations_areRefusedByDefault_andChangeNothing() throws Exception {
        HttpResponse<String> forceOpen = app.post("/actuator/llmfallback/anthropic", "{\"duration\":\"10m\"}");
        HttpResponse<String> reset = app.delete("/actuator/llmfallback/anthropic");

        assertThat(forceOpen.statusCode()).isBetween(400, 499);
        assertThat(reset.statusCode()).isBetween(400, 499);
        assertThat(ProviderHealth.shared().state("anthropic").status()).isEqualTo(ProviderHealth.Status.HEALTHY);
    }

    @Test
    void healthContributor_staysUp_whileAProviderCools_andListsIt() throws Exception {
        app.anthropic.enqueue(Behaviour.overloaded());
        app.bean(TunedSummaries.class).summarize(TEXT);

        JsonNode health = app.get("/actuator/health");

        assertThat(health.get("status").asText()).isEqualTo("UP");
        JsonNode ours = health.get("components").get("llmFallback");
        assertThat(ours.get("status").asText()).isEqualTo("UP");
        JsonNode cooling = ours.get("details").get("notHealthy").get("anthropic");
        assertThat(cooling.get("status").asText()).isEqualTo("COOLING");
        assertThat(cooling.get("reason").asText()).contains("529");
        assertThat(ours.get("details").get("notHealthy").has("openai")).isFalse();
    }

    @Test
    void neitherEndpointNorHealth_everShowsAPrompt() throws Exception {
        String marker = "PRIVATE-PROMPT-7f3a";
        app.anthropic.enqueue(Behaviour.overloaded());
        app.openAi.enqueue(Behaviour.status(500));
        try {
            app.bean(TunedSummaries.class).summarize(marker);
        } catch (RuntimeException expected) {
            // every provider failed: what matters is what the actuator shows afterwards
        }

        assertThat(app.get("/actuator/llmfallback").toString()).doesNotContain(marker);
        assertThat(app.get("/actuator/health").toString()).doesNotContain(marker).contains("COOLING");
    }

    static JsonNode named(JsonNode array, String name) {
        return named(array, name, "name");
    }

    static JsonNode named(JsonNode array, String name, String field) {
        for (JsonNode element : array) {
            if (element.get(field).asText().equals(name)) {
                return element;
            }
        }
        throw new AssertionError("no " + field + " " + name + " in " + array);
    }

    static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(element -> names.add(element.get("name").asText()));
        return names;
    }
}
