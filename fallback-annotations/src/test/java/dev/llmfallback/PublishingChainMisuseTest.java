package dev.llmfallback;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** Building a chain of publishing providers wrongly fails with a message that names the fix (SPEC §13). */
class PublishingChainMisuseTest {

    private static final Flow.Publisher<String> NEVER = subscriber -> { };

    @Test
    public void publishingAndPlainProvidersMixed_theMessageNamesPublish() {
        assertThatThrownBy(() -> FallbackChain.<String, String>builder()
                .publishingProvider("anthropic", p -> NEVER)
                .provider("openai", p -> "a")
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FallbackChain mixes streaming and other providers [anthropic, openai]: a chain is run "
                        + "either with stream(input) or publish(input), or with run(input); build one chain of each");
    }
}
