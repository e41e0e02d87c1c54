package dev.llmfallback.internal.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;

class SpringAiStatusTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"429 - {\"error\":{}}|429", "HTTP 503 - x|503", "529 - x|529", "200 - x|200",
        "000 - x|0"})
    void leadingStatus_isReadFromNNNDashOrHttpNNNDash(String message, int status) {
        assertThat(SpringAiStatus.leadingStatus(message)).isEqualTo(status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "429", "429 -", "429 -x", "429- x", "4290 - x", "42 - x", " 429 - x", "HTTP429 - x",
        "http 429 - x", "HTTP  429 - x", "4a9 - x", "Response exception, Status: [429 TOO_MANY_REQUESTS]"})
    void anythingElse_isNoStatus(String message) {
        assertThat(SpringAiStatus.leadingStatus(message)).isEqualTo(StatusCodeReader.NO_STATUS);
    }

    @Test
    void onlyTheTwoSpringAiClassesAndTheirSubclasses_areRead() {
        assertThat(SpringAiStatus.statusOf(new TransientAiException("503 - x"))).isEqualTo(503);
        assertThat(SpringAiStatus.statusOf(new NonTransientAiException("HTTP 429 - x"))).isEqualTo(429);
        assertThat(SpringAiStatus.statusOf(new Subclass("502 - x"))).isEqualTo(502);
        assertThat(SpringAiStatus.statusOf(new RuntimeException("503 - x"))).isEqualTo(StatusCodeReader.NO_STATUS);
        assertThat(SpringAiStatus.statusOf(new TransientAiException(null))).isEqualTo(StatusCodeReader.NO_STATUS);
        assertThat(SpringAiStatus.statusOf(null)).isEqualTo(StatusCodeReader.NO_STATUS);
    }

    @Test
    void throwingGetMessage_isNoStatus_andDoesNotThrow() {
        assertThat(SpringAiStatus.statusOf(new ThrowingMessage())).isEqualTo(StatusCodeReader.NO_STATUS);
        assertThat(StatusCodeReader.readStatus(new ThrowingMessage())).isEqualTo(StatusCodeReader.NO_STATUS);
    }

    static final class Subclass extends TransientAiException {
        private static final long serialVersionUID = 1L;

        Subclass(String message) {
            super(message);
        }
    }

    static final class ThrowingMessage extends NonTransientAiException {
        private static final long serialVersionUID = 1L;

        ThrowingMessage() {
            super("429 - x");
        }

        @Override
        public String getMessage() {
            throw new IllegalStateException("getMessage broken");
        }
    }
}
