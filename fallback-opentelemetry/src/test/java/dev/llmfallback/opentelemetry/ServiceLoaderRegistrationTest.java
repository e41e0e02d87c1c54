package dev.llmfallback.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmfallback.FallbackChain;
import org.junit.jupiter.api.Test;

/** A listener listed in {@code META-INF/services} sees every chain of the process without being registered. */
class ServiceLoaderRegistrationTest {

    @Test
    void serviceLoadedListener_seesAChainThatNamesNoListener() throws Exception {
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder().name("service-loaded")
                .provider("solo", p -> "answer").build();

        chain.run("prompt");

        assertThat(ServiceLoadedListener.ENDED).contains("service-loaded SUCCEEDED");
    }
}
