package dev.llmfallback.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmfallback.FallbackChain;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.OutageCooldown;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The checks the integrations' {@code FallbackChatModel.Builder}s share: misuse fails at once, naming the
 * builder's method and the fix; a good collection builds the chain in order.
 */
class LabelledModelsTest {

    private static LabelledModels<String> models() {
        return new LabelledModels<>("FallbackChatModel.Builder", "OpenAiChatModel.builder()...build()");
    }

    @Test
    void noModel() {
        assertThatThrownBy(() -> models().build(model -> input -> model))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FallbackChatModel.Builder.build(): no model to try; add at least one with "
                        + "model(label, chatModel) before build()");
    }

    @Test
    void nullModel() {
        assertThatThrownBy(() -> models().add("openai", null, null, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("FallbackChatModel.Builder.model(\"openai\", ...): the model is null; pass the ChatModel "
                        + "to try, e.g. OpenAiChatModel.builder()...build()");
    }

    @Test
    void duplicateLabel() {
        LabelledModels<String> models = models();
        models.add("anthropic", "a", null, null);
        models.add("openai", "o", null, null);

        assertThatThrownBy(() -> models.add("openai", "o2", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FallbackChatModel.Builder.model(\"openai\", ...): the label \"openai\" is already used "
                        + "by model #1; give every model its own label (traces and provider health are keyed by it)");
    }

    @Test
    void blankOrNullLabel() {
        assertThatThrownBy(() -> models().add(" ", "m", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the label is blank; give every model a label");
        assertThatThrownBy(() -> models().add(null, "m", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FallbackChatModel.Builder.model(null, ...): the label is null");
    }

    @Test
    void nonPositiveTimeoutOrDeadline_orAMissingTimeout() {
        assertThatThrownBy(() -> models().add("openai", "m", null, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the timeout must be positive, was PT0S");
        assertThatThrownBy(() -> models().requireTimeout("openai", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("FallbackChatModel.Builder.model(\"openai\", model, timeout): timeout is null; "
                        + "use model(label, model) for a model without a timeout");
        assertThatThrownBy(() -> models().deadline(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FallbackChatModel.Builder.deadline(PT-1S): the deadline must be a positive");
    }

    @Test
    void nullPredicateOrPolicy() {
        assertThatThrownBy(() -> models().skipOn(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageStartingWith("FallbackChatModel.Builder.skipOn(null): pass a SkipPredicate");
        assertThatThrownBy(() -> models().health(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageStartingWith("FallbackChatModel.Builder.health(null): pass a HealthPolicy");
        assertThatThrownBy(() -> models().health("openai", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageStartingWith("FallbackChatModel.Builder.health(openai, null): pass a model's label");
    }

    @Test
    void healthForAnUnknownLabel() {
        LabelledModels<String> models = models();
        models.add("openai", "o", null, null);
        models.health("anthropic", OutageCooldown.INSTANCE);

        assertThatThrownBy(() -> models.build(model -> input -> model))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FallbackChatModel.Builder.health(\"anthropic\", ...): no model has that label; "
                        + "the labels are [openai]");
    }

    @Test
    void theChain_triesTheModelsInOrder_underTheirLabels() throws Exception {
        LabelledModels<String> models = models();
        models.add("anthropic", "down", null, null);
        models.add("openai", "up", null, Duration.ofSeconds(5));

        FallbackChain<String, String> chain = models.build(model -> input -> {
            if (model.equals("down")) {
                throw new java.net.ConnectException("refused");
            }
            return model + ":" + input;
        });

        assertThat(chain.names()).containsExactly("anthropic", "openai");
        assertThat(chain.run("p")).isEqualTo("up:p");
        assertThat(FallbackTrace.current().winner()).hasValueSatisfying(a -> assertThat(a.provider()).isEqualTo("openai"));
        assertThat(models.models()).containsExactly("down", "up");
    }
}
