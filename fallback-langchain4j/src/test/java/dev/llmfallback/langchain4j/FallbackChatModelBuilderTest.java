package dev.llmfallback.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.llmfallback.OutageCooldown;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Misuse of the builder fails at once, naming the method and the fix. */
class FallbackChatModelBuilderTest {

    // Never called: the builder only holds it.
    private static final ChatModel MODEL = new ChatModel() {
        @Override
        public ChatResponse doChat(ChatRequest chatRequest) {
            throw new AssertionError("not called by the builder");
        }
    };

    @Test
    void noModel() {
        assertThatThrownBy(() -> FallbackChatModel.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FallbackChatModel.Builder.build(): no model to try; add at least one with "
                        + "model(label, chatModel) before build()");
    }

    @Test
    void nullModel() {
        assertThatThrownBy(() -> FallbackChatModel.builder().model("openai", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageStartingWith("FallbackChatModel.Builder.model(\"openai\", ...): the model is null; "
                        + "pass the ChatModel to try");
    }

    @Test
    void duplicateLabel() {
        assertThatThrownBy(() -> FallbackChatModel.builder().model("anthropic", MODEL).model("openai", MODEL)
                .model("openai", MODEL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FallbackChatModel.Builder.model(\"openai\", ...): the label \"openai\" is already used "
                        + "by model #1; give every model its own label (traces and provider health are keyed by it)");
    }

    @Test
    void blankOrNullLabel() {
        assertThatThrownBy(() -> FallbackChatModel.builder().model(" ", MODEL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the label is blank; give every model a label");
        assertThatThrownBy(() -> FallbackChatModel.builder().model(null, MODEL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FallbackChatModel.Builder.model(null, ...): the label is null");
    }

    @Test
    void nonPositiveTimeoutOrDeadline() {
        assertThatThrownBy(() -> FallbackChatModel.builder().model("openai", MODEL, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the timeout must be positive, was PT0S");
        assertThatThrownBy(() -> FallbackChatModel.builder().model("openai", MODEL, (Duration) null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("use model(label, model) for a model without a timeout");
        assertThatThrownBy(() -> FallbackChatModel.builder().deadline(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FallbackChatModel.Builder.deadline(PT-1S): the deadline must be a positive");
    }

    @Test
    void healthForAnUnknownLabel() {
        assertThatThrownBy(() -> FallbackChatModel.builder().model("openai", MODEL)
                .health("anthropic", OutageCooldown.INSTANCE).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FallbackChatModel.Builder.health(\"anthropic\", ...): no model has that label; "
                        + "the labels are [openai]");
    }

    @Test
    void nullRequest() {
        ChatModel model = FallbackChatModel.builder().model("openai", MODEL).build();

        assertThatThrownBy(() -> model.chat((ChatRequest) null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("FallbackChatModel.chat(ChatRequest, ChatRequestOptions): chatRequest is null");
    }

    @Test
    void labels_inOrder() {
        FallbackChatModel model = FallbackChatModel.builder().model("anthropic", MODEL).model("openai", MODEL).build();

        assertThat(model.labels()).containsExactly("anthropic", "openai");
    }
}
