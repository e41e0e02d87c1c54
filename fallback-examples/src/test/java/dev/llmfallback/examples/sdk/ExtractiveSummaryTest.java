package dev.llmfallback.examples.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExtractiveSummaryTest {

    private static final String TEXT = "Providers go down. The weather was nice on Tuesday. "
            + "When a provider goes down, the next provider answers. Lunch was late. "
            + "A chain of providers keeps answering when one provider is down.";

    @Test
    void keepsTheSentencesMostAboutTheText_inTheirOriginalOrder() {
        assertThat(ExtractiveSummary.of(TEXT, 2)).isEqualTo("When a provider goes down, the next provider answers. "
                + "A chain of providers keeps answering when one provider is down.");
    }

    @Test
    void isDeterministic() {
        assertThat(ExtractiveSummary.of(TEXT, 2)).isEqualTo(ExtractiveSummary.of(TEXT, 2));
    }

    @Test
    void shortTextIsKeptWhole() {
        assertThat(ExtractiveSummary.of("One sentence only.", 2)).isEqualTo("One sentence only.");
        assertThat(ExtractiveSummary.of("  ", 2)).isEmpty();
    }

    @Test
    void needsAtLeastOneSentence() {
        assertThatThrownBy(() -> ExtractiveSummary.of(TEXT, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
