package dev.llmfallback.examples.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.beta.messages.BetaRawMessageStreamEvent;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.models.chat.completions.ChatCompletionChunk;
import dev.llmfallback.CommitPoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The default commit point ({@link CommitPoint#modelOutput()}) on the official SDKs' own event objects, read
 * by the SDKs' own JSON mappers from the events the APIs send: content deltas commit, the preamble does not.
 */
class SdkCommitPointTest {

    private static final CommitPoint MODEL_OUTPUT = CommitPoint.modelOutput();

    @ParameterizedTest(name = "anthropic {0}: commits {2}")
    @CsvSource(delimiter = '|', value = {
        "message_start       | {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-haiku-4-5\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}} | false",
        "content_block_start | {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}} | false",
        "text_delta          | {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}} | true",
        "input_json_delta    | {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\"}} | true",
        "thinking_delta      | {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Let me\"}} | true",
        "content_block_stop  | {\"type\":\"content_block_stop\",\"index\":0} | false",
        "message_delta       | {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":3}} | false",
        "message_stop        | {\"type\":\"message_stop\"} | false"})
    void anthropicEvents(String name, String json, boolean commits) throws Exception {
        RawMessageStreamEvent event = com.anthropic.core.ObjectMappers.jsonMapper()
                .readValue(json, RawMessageStreamEvent.class);
        BetaRawMessageStreamEvent beta = com.anthropic.core.ObjectMappers.jsonMapper()
                .readValue(json, BetaRawMessageStreamEvent.class);

        assertThat(MODEL_OUTPUT.commits(event)).isEqualTo(commits);
        assertThat(MODEL_OUTPUT.commits(beta)).as("the beta event").isEqualTo(commits);
    }

    @ParameterizedTest(name = "openai {0}: commits {2}")
    @CsvSource(delimiter = '|', value = {
        "role only, empty content | {\"role\":\"assistant\",\"content\":\"\"} | false",
        "content                  | {\"content\":\"Hi\"} | true",
        "tool call                | {\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"weather\",\"arguments\":\"\"}}]} | true",
        "refusal                  | {\"refusal\":\"I can't\"} | true",
        "finish, empty delta      | {} | false"})
    void openAiChunks(String name, String delta, boolean commits) throws Exception {
        String json = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":null}]}";
        ChatCompletionChunk chunk = com.openai.core.ObjectMappers.jsonMapper().readValue(json, ChatCompletionChunk.class);

        assertThat(MODEL_OUTPUT.commits(chunk)).isEqualTo(commits);
    }

    @ParameterizedTest(name = "openai usage-only chunk: commits false")
    @CsvSource(delimiter = '|', value = {"{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":8}"})
    void openAiUsageOnlyChunk_doesNotCommit(String usage) throws Exception {
        String json = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[],\"usage\":" + usage + "}";
        ChatCompletionChunk chunk = com.openai.core.ObjectMappers.jsonMapper().readValue(json, ChatCompletionChunk.class);

        assertThat(MODEL_OUTPUT.commits(chunk)).isFalse();
        assertThat(CommitPoint.firstElement().commits(chunk)).isTrue();
    }
}
