package dev.llmfallback.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmfallback.OutageCooldown;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;

/** Misuse of the builder fails at once, naming the method and the fix. */
class FallbackChatModelBuilderTest {

    // Never called: the builder only holds it.
    private static final ChatModel MODEL = prompt -> {
        throw new AssertionError("not called by the builder");
    };

    // The checks themselves, and their messages, are LabelledModelsTest's (fallback-annotations); here, that
    // every method of this builder reaches them under this builder's name.
    @Test
    void everyMethod_rejectsMisuse_namingThisBuilder() {
        assertThatThrownBy(() -> FallbackChatModel.builder().build())
                .hasMessageStartingWith("FallbackChatModel.Builder.build(): no model to try");
        assertThatThrownBy(() -> FallbackChatModel.builder().model("openai", null))
                .hasMessageStartingWith("FallbackChatModel.Builder.model(\"openai\", ...): the model is null");
        assertThatThrownBy(() -> FallbackChatModel.builder().model("openai", MODEL, (Duration) null))
                .hasMessageStartingWith("FallbackChatModel.Builder.model(\"openai\", model, timeout): timeout is null");
        assertThatThrownBy(() -> FallbackChatModel.builder().model("openai", MODEL).model("openai", MODEL))
                .hasMessageContaining("the label \"openai\" is already used by model #0");
        assertThatThrownBy(() -> FallbackChatModel.builder().skipOn(null))
                .hasMessageStartingWith("FallbackChatModel.Builder.skipOn(null)");
        assertThatThrownBy(() -> FallbackChatModel.builder().deadline(Duration.ZERO))
                .hasMessageStartingWith("FallbackChatModel.Builder.deadline(PT0S)");
        assertThatThrownBy(() -> FallbackChatModel.builder().health(null))
                .hasMessageStartingWith("FallbackChatModel.Builder.health(null)");
        assertThatThrownBy(() -> FallbackChatModel.builder().model("openai", MODEL)
                .health("anthropic", OutageCooldown.INSTANCE).build())
                .hasMessageStartingWith("FallbackChatModel.Builder.health(\"anthropic\", ...): no model has that label");
    }

    @Test
    void nullRequest() {
        ChatModel model = FallbackChatModel.builder().model("openai", MODEL).build();

        assertThatThrownBy(() -> model.call((Prompt) null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("FallbackChatModel.call(Prompt): prompt is null");
    }

    @Test
    void labels_inOrder() {
        FallbackChatModel model = FallbackChatModel.builder().model("anthropic", MODEL).model("openai", MODEL).build();

        assertThat(model.labels()).containsExactly("anthropic", "openai");
    }
}
