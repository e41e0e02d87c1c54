package dev.llmfallback.tck;

import static dev.llmfallback.tck.Script.Behaviour.answer;
import static dev.llmfallback.tck.Script.Behaviour.fail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmfallback.tck.fixtures.AsyncThreeProviders;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link BehaviourContract} through async annotated heads ({@link AsyncAnnotatedDoor}), as the front door
 * under test weaves the async fixtures. What {@link AnnotatedBehaviourContract} adds for annotated doors
 * (sibling rules, misconfiguration) is about the annotation, not the head's return type, and runs there.
 */
public abstract class AsyncAnnotatedBehaviourContract extends ProviderHealthContract {

    /** Fails every test at once, and says why, when the async fixtures were not woven at all. */
    @BeforeEach
    public void asyncFixturesAreWoven() {
        Script script = Script.of(fail(status(503)), answer("fallback"), answer("local"));
        AtomicReference<String> answer = new AtomicReference<>();
        Throwable unwoven = catchThrowable(() -> answer.set(new AsyncThreeProviders(script).callAnthropic(PROMPT)
                .toCompletableFuture().get(AWAIT_S, TimeUnit.SECONDS)));
        assertThat(unwoven).as("%s: an async @LlmFallback head's future must fall over; the fixtures were not woven",
                door()).isNull();
        assertThat(answer.get()).isEqualTo("fallback");
        assertThat(script.calledProviders()).containsExactly(0, 1);
    }
}
