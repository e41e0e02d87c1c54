package dev.llmfallback.tck;

import static dev.llmfallback.tck.Script.Behaviour.answer;
import static dev.llmfallback.tck.Script.Behaviour.fail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmfallback.AllProvidersFailedException;
import dev.llmfallback.FallbackListener;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a process-wide {@link FallbackListener} sees (SPEC §11), the same through every front door: for each way a
 * chain ends, the exact sequence of listener calls, and the attempt's scope active on the thread that runs the
 * provider (the caller's, or a timed attempt's worker). A subclass names its {@link FrontDoor}.
 */
public abstract class ListenerContract {

    protected static final String PROMPT = "summarise: s3cr3t-prompt-7f3a";

    private final ListenerRecorder recorder = new ListenerRecorder();
    private FallbackListener.Registration registration;

    protected abstract FrontDoor door();

    @BeforeEach
    public void register() {
        registration = FallbackListener.register(recorder);
    }

    @AfterEach
    public void unregister() {
        registration.close();
    }

    private static ProviderException status(int code) {
        return new ProviderException(code, "HTTP " + code + " for request " + PROMPT);
    }

    /** A provider that answers and writes down which attempt scope it runs in. */
    private Script.Behaviour answerSeeingScope(String answer) {
        return prompt -> {
            recorder.add("provider runs in scope of " + ListenerRecorder.ACTIVE.get());
            return answer;
        };
    }

    private List<String> labels() {
        return door().threeProviderLabels();
    }

    @Test
    public void fallOver_everyCallInOrder_scopeActiveWhileTheProviderRuns() throws Exception {
        Script script = Script.of(fail(status(529)), answerSeeingScope("from openai"), answer("from local"));

        assertThat(door().threeProviders(script, PROMPT)).isEqualTo("from openai");

        assertThat(recorder.chainNames()).containsExactly(door().threeProviderMethods().get(0));
        assertThat(recorder.chainProviders()).containsExactly(labels());
        assertThat(recorder.events()).containsExactly(
                "chainStarted",
                "attemptStarted 0 anthropic",
                "attemptEnded 0 anthropic FAILED ProviderException",
                "scopeClosed 0",
                "attemptStarted 1 openai",
                "provider runs in scope of openai",
                "attemptEnded 1 openai SUCCEEDED",
                "scopeClosed 1",
                "chainEnded openai answered");
        assertThat(ListenerRecorder.ACTIVE.get()).isNull();
    }

    @Test
    public void happyHead_oneAttempt_scopeActiveInTheHead() throws Exception {
        Script script = Script.of(answerSeeingScope("from anthropic"), answer("from openai"), answer("from local"));

        assertThat(door().threeProviders(script, PROMPT)).isEqualTo("from anthropic");

        assertThat(recorder.events()).containsExactly(
                "chainStarted",
                "attemptStarted 0 anthropic",
                "provider runs in scope of anthropic",
                "attemptEnded 0 anthropic SUCCEEDED",
                "scopeClosed 0",
                "chainEnded anthropic answered");
    }

    @Test
    public void stop_endsWithTheFailureItself() {
        Script script = Script.of(fail(status(400)), answer("from openai"), answer("from local"));

        assertThat(catchThrowable(() -> door().threeProviders(script, PROMPT))).isInstanceOf(ProviderException.class);

        assertThat(recorder.events()).containsExactly(
                "chainStarted",
                "attemptStarted 0 anthropic",
                "attemptEnded 0 anthropic STOPPED ProviderException",
                "scopeClosed 0",
                "chainEnded - ProviderException");
    }

    @Test
    public void allFailed_endsWithAllProvidersFailed() {
        Script script = Script.of(fail(status(529)), fail(status(503)), fail(status(500)));

        assertThat(catchThrowable(() -> door().threeProviders(script, PROMPT)))
                .isInstanceOf(AllProvidersFailedException.class);

        String last = labels().get(2);
        assertThat(recorder.events()).containsExactly(
                "chainStarted",
                "attemptStarted 0 anthropic",
                "attemptEnded 0 anthropic FAILED ProviderException",
                "scopeClosed 0",
                "attemptStarted 1 openai",
                "attemptEnded 1 openai FAILED ProviderException",
                "scopeClosed 1",
                "attemptStarted 2 " + last,
                "attemptEnded 2 " + last + " FAILED ProviderException",
                "scopeClosed 2",
                "chainEnded - AllProvidersFailedException");
    }

    @Test
    public void timedAttempt_scopeActiveOnTheWorkerThatRunsIt() throws Exception {
        Script script = Script.of(answerSeeingScope("from anthropic"), answer("from openai"), answer("from local"));

        assertThat(door().timedThreeProviders(script, PROMPT)).isEqualTo("from anthropic");

        assertThat(script.calls().get(0).thread()).isNotSameAs(Thread.currentThread());
        assertThat(recorder.events()).containsExactly(
                "chainStarted",
                "attemptStarted 0 anthropic",
                "provider runs in scope of anthropic",
                "attemptEnded 0 anthropic SUCCEEDED",
                "scopeClosed 0",
                "chainEnded anthropic answered");
    }

    @Test
    public void asyncChain_sameCallsBeforeItsFutureCompletes() throws Exception {
        Script script = Script.of(fail(status(529)), answer("from openai"), answer("from local"));

        assertThat(door().asyncThreeProviders(script, PROMPT).get(10, TimeUnit.SECONDS)).isEqualTo("from openai");

        assertThat(recorder.events()).containsExactly(
                "chainStarted",
                "attemptStarted 0 anthropic",
                "attemptEnded 0 anthropic FAILED ProviderException",
                "scopeClosed 0",
                "attemptStarted 1 openai",
                "attemptEnded 1 openai SUCCEEDED",
                "scopeClosed 1",
                "chainEnded openai answered");
    }
}
