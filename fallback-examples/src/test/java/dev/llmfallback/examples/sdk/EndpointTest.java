package dev.llmfallback.examples.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmfallback.examples.fake.FakeProvider;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void withAKey_theRealApi_andNoFakeStarted() {
        AtomicInteger fakesStarted = new AtomicInteger();
        Endpoint endpoint = Endpoint.anthropic(Map.of("ANTHROPIC_API_KEY", "sk-ant-secret "), () -> {
            fakesStarted.incrementAndGet();
            return FakeProvider.anthropic();
        });

        assertThat(endpoint.baseUrl()).isEqualTo("https://api.anthropic.com");
        assertThat(endpoint.apiKey()).isEqualTo("sk-ant-secret");
        assertThat(endpoint.model()).isEqualTo(Endpoint.DEFAULT_ANTHROPIC_MODEL);
        assertThat(endpoint.fake()).isFalse();
        assertThat(fakesStarted).hasValue(0);
    }

    @Test
    void baseUrlAndModel_comeFromTheEnvironmentToo() {
        Endpoint endpoint = Endpoint.openAi(Map.of("OPENAI_API_KEY", "sk-secret", "OPENAI_BASE_URL",
                "https://proxy.example/v1", "OPENAI_MODEL", "gpt-4.1-mini"), FakeProvider::openAi);

        assertThat(endpoint.baseUrl()).isEqualTo("https://proxy.example/v1");
        assertThat(endpoint.model()).isEqualTo("gpt-4.1-mini");
    }

    @Test
    void withoutAKey_theFake() {
        try (FakeProvider fake = FakeProvider.openAi()) {
            Endpoint endpoint = Endpoint.openAi(Map.of("OPENAI_API_KEY", " "), () -> fake);

            assertThat(endpoint.baseUrl()).isEqualTo(fake.baseUrl());
            assertThat(endpoint.fake()).isTrue();
        }
    }

    @Test
    void toStringNeverShowsTheKey() {
        Endpoint endpoint = Endpoint.anthropic(Map.of("ANTHROPIC_API_KEY", "sk-ant-secret"), FakeProvider::anthropic);

        assertThat(endpoint.toString()).doesNotContain("secret").contains("anthropic");
    }
}
