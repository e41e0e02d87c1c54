package dev.llmfallback.examples.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.openai.models.responses.ResponseStreamEvent;
import dev.llmfallback.CommitPoint;
import dev.llmfallback.Failures;
import dev.llmfallback.RetryableOnly;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The default commit point ({@link CommitPoint#modelOutput()}) on openai-java's Responses API stream events,
 * read by the SDK's own JSON mapper from the events the API sends: output deltas commit; the preamble
 * ({@code response.created}, {@code response.in_progress}, items and content parts being added) does not;
 * an {@code error} event and {@code response.failed}, which the SDK hands over as events, fail the attempt
 * with their error code for the predicates to judge.
 */
class ResponsesCommitPointTest {

    private static final CommitPoint MODEL_OUTPUT = CommitPoint.modelOutput();
    private static final String SECRET = "s3cr3t-responses-prompt";

    private static String response(String status, String error) {
        return "{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1,\"status\":\"" + status + "\","
                + "\"model\":\"gpt-4o-mini\",\"output\":[],\"parallel_tool_calls\":true,\"tool_choice\":\"auto\","
                + "\"tools\":[],\"error\":" + error + ",\"incomplete_details\":null,\"instructions\":null,"
                + "\"metadata\":{},\"temperature\":1.0,\"top_p\":1.0}";
    }

    private static ResponseStreamEvent event(String json) throws Exception {
        return com.openai.core.ObjectMappers.jsonMapper().readValue(json, ResponseStreamEvent.class);
    }

    @ParameterizedTest(name = "{0}: commits {2}")
    @CsvSource(delimiter = '|', value = {
        "response.output_item.added | {\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"id\":\"msg_1\",\"type\":\"message\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]},\"sequence_number\":2} | false",
        "response.content_part.added | {\"type\":\"response.content_part.added\",\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"\",\"annotations\":[]},\"sequence_number\":3} | false",
        "response.output_text.delta | {\"type\":\"response.output_text.delta\",\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"delta\":\"Hi\",\"logprobs\":[],\"sequence_number\":4} | true",
        "response.refusal.delta | {\"type\":\"response.refusal.delta\",\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"delta\":\"I can't\",\"sequence_number\":4} | true",
        "response.function_call_arguments.delta | {\"type\":\"response.function_call_arguments.delta\",\"item_id\":\"fc_1\",\"output_index\":0,\"delta\":\"{\\\"city\",\"sequence_number\":3} | true",
        "response.output_text.done | {\"type\":\"response.output_text.done\",\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"text\":\"Hi\",\"logprobs\":[],\"sequence_number\":5} | false"})
    void outputDeltasCommit_theRestDoesNot(String name, String json, boolean commits) throws Exception {
        ResponseStreamEvent event = event(json);

        assertThat(event.isValid()).as("a real event of its kind").isTrue();
        assertThat(MODEL_OUTPUT.commits(event)).isEqualTo(commits);
    }

    @Test
    void createdAndInProgress_areThePreamble() throws Exception {
        ResponseStreamEvent created = event("{\"type\":\"response.created\",\"sequence_number\":0,\"response\":"
                + response("in_progress", "null") + "}");
        ResponseStreamEvent inProgress = event("{\"type\":\"response.in_progress\",\"sequence_number\":1,\"response\":"
                + response("in_progress", "null") + "}");

        assertThat(created.isCreated()).isTrue();
        assertThat(inProgress.isInProgress()).isTrue();
        assertThat(MODEL_OUTPUT.commits(created)).isFalse();
        assertThat(MODEL_OUTPUT.commits(inProgress)).isFalse();
        assertThat(CommitPoint.firstElement().commits(created)).isTrue();
    }

    @Test
    void errorEvent_failsTheAttempt_asTheStatusItsCodeStandsFor() throws Exception {
        ResponseStreamEvent error = event("{\"type\":\"error\",\"code\":\"server_error\",\"message\":\"failed on "
                + SECRET + "\",\"param\":null,\"sequence_number\":2}");

        Throwable failure = catchThrowable(() -> MODEL_OUTPUT.commits(error));

        assertThat(failure).hasMessage("OpenAI Responses stream sent an error event (server_error)")
                .hasMessageNotContaining(SECRET);
        assertThat(Failures.statusCode(failure)).hasValue(500);
        assertThat(RetryableOnly.INSTANCE.shouldSkip(failure)).isTrue();
    }

    @Test
    void responseFailed_failsTheAttempt_rateLimitedIsA429() throws Exception {
        ResponseStreamEvent failed = event("{\"type\":\"response.failed\",\"sequence_number\":3,\"response\":"
                + response("failed", "{\"code\":\"rate_limit_exceeded\",\"message\":\"slow down " + SECRET + "\"}")
                + "}");

        Throwable failure = catchThrowable(() -> MODEL_OUTPUT.commits(failed));

        assertThat(failure).hasMessage("OpenAI Responses stream sent response.failed (rate_limit_exceeded)");
        assertThat(Failures.statusCode(failure)).hasValue(429);
        assertThat(RetryableOnly.INSTANCE.shouldSkip(failure)).isTrue();
    }

    @Test
    void responseFailedWithAnInvalidPrompt_isNoReasonToMoveOn() throws Exception {
        ResponseStreamEvent failed = event("{\"type\":\"response.failed\",\"sequence_number\":3,\"response\":"
                + response("failed", "{\"code\":\"invalid_prompt\",\"message\":\"no\"}") + "}");

        Throwable failure = catchThrowable(() -> MODEL_OUTPUT.commits(failed));

        assertThat(failure).hasMessageContaining("(invalid_prompt)");
        assertThat(RetryableOnly.INSTANCE.shouldSkip(failure)).isFalse();
    }
}
