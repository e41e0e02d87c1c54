package dev.llmfallback.spring.boot;

import static dev.llmfallback.spring.boot.TunedAppRun.TEXT;
import static dev.llmfallback.spring.boot.TunedAppRun.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmfallback.ProviderHealth;
import dev.llmfallback.spring.boot.app.TunedSummaries;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;

/**
 * With {@code management.endpoint.llmfallback.access=unrestricted} an operator forces a provider open over HTTP (every
 * chain skips it) and resets it (chains call it again).
 */
class ActuatorWritesTest {

    static TunedAppRun app;

    @BeforeAll
    static void start() {
        app = new TunedAppRun(WebApplicationType.SERVLET, new Class<?>[0],
                "management.endpoint.llmfallback.access=unrestricted");
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
    void forceOpen_makesChainsSkipTheProvider_andResetBringsItBack() throws Exception {
        HttpResponse<String> opened = app.post("/actuator/llmfallback/anthropic", "{\"duration\":\"10m\"}");

        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(opened.body()).get("status").asText()).isEqualTo("FORCED_OPEN");
        assertThat(ProviderHealth.shared().state("anthropic").status()).isEqualTo(ProviderHealth.Status.FORCED_OPEN);
        int asked = app.anthropic.requestCount();
        assertThat(app.bean(TunedSummaries.class).summarize(TEXT)).startsWith("[fake openai]");
        assertThat(path()).containsExactly("anthropic SKIPPED_UNHEALTHY", "openai SUCCEEDED");
        assertThat(app.anthropic.requestCount()).isEqualTo(asked);

        HttpResponse<String> reset = app.delete("/actuator/llmfallback/anthropic");

        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(ProviderHealth.shared().state("anthropic").status()).isEqualTo(ProviderHealth.Status.HEALTHY);
        assertThat(app.bean(TunedSummaries.class).summarize(TEXT)).startsWith("[fake anthropic]");
        assertThat(path()).containsExactly("anthropic SUCCEEDED");
    }

    @Test
    void forceOpen_withAnUnreadableDuration_isABadRequest() throws Exception {
        HttpResponse<String> refused = app.post("/actuator/llmfallback/anthropic", "{\"duration\":\"soon\"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(ProviderHealth.shared().state("anthropic").status()).isEqualTo(ProviderHealth.Status.HEALTHY);
    }
}
