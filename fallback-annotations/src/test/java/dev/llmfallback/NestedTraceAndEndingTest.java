package dev.llmfallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What {@link FallbackTrace#current()} answers around chains nested in a provider, and what
 * {@link FallbackListener#chainEnded} is told, when frames are reused from run to run on one thread: a trace read
 * once (and so cached) never stands for the next run at the same depth, and a run's failure reaches only its own
 * listeners' {@code chainEnded}.
 */
class NestedTraceAndEndingTest {

    @Test
    void twoNestedRunsInOneProvider_eachReadAsItsOwn_thenTheOuterOne() throws Exception {
        FallbackChain<String, String> twoLinks = FallbackChain.<String, String>builder()
                .provider("a1", p -> {
                    throw new StatusFailure(503);
                })
                .provider("a2", p -> "a2").build();
        FallbackChain<String, String> oneLink = FallbackChain.<String, String>builder()
                .provider("b1", p -> "b1").build();
        AtomicReference<FallbackTrace> afterFirst = new AtomicReference<>();
        AtomicReference<FallbackTrace> afterFirstAgain = new AtomicReference<>();
        AtomicReference<FallbackTrace> afterSecond = new AtomicReference<>();
        AtomicReference<FallbackTrace> inSecondProvider = new AtomicReference<>();
        FallbackChain<String, String> outer = FallbackChain.<String, String>builder()
                .provider("o1", p -> {
                    twoLinks.run(p);
                    afterFirst.set(FallbackTrace.current());
                    afterFirstAgain.set(FallbackTrace.current());
                    oneLink.run(p);
                    afterSecond.set(FallbackTrace.current());
                    throw new StatusFailure(529);
                })
                .provider("o2", p -> {
                    inSecondProvider.set(FallbackTrace.current());
                    return "o2";
                }).build();

        assertThat(outer.run("prompt")).isEqualTo("o2");

        assertThat(afterFirst.get().attempts()).extracting(Attempt::provider, Attempt::outcome)
                .containsExactly(tuple("a1", Attempt.Outcome.FAILED), tuple("a2", Attempt.Outcome.SUCCEEDED));
        assertThat(afterFirstAgain.get().attempts()).isEqualTo(afterFirst.get().attempts());
        assertThat(afterSecond.get().attempts()).as("the second nested run at the same depth, not the first's cache")
                .extracting(Attempt::provider, Attempt::outcome, Attempt::failure)
                .containsExactly(tuple("b1", Attempt.Outcome.SUCCEEDED, null));
        assertThat(inSecondProvider.get().attempts()).as("the outer chain once it recorded again")
                .extracting(Attempt::provider).containsExactly("o1");
        FallbackTrace trace = FallbackTrace.current();
        assertThat(trace.attempts()).extracting(Attempt::provider, Attempt::outcome)
                .containsExactly(tuple("o1", Attempt.Outcome.FAILED), tuple("o2", Attempt.Outcome.SUCCEEDED));
        assertThat(trace.attempts().get(0).failure()).isInstanceOf(StatusFailure.class);
        assertThat(((StatusFailure) trace.attempts().get(0).failure()).statusCode()).isEqualTo(529);
    }

    @Test
    void aTraceReadAfterARun_isNotWhatTheNextShorterRunShows() throws Exception {
        FallbackChain<String, String> threeLinks = FallbackChain.<String, String>builder()
                .provider("x1", p -> {
                    throw new StatusFailure(503);
                })
                .provider("x2", p -> {
                    throw new StatusFailure(429);
                })
                .provider("x3", p -> "x3").build();
        FallbackChain<String, String> oneLink = FallbackChain.<String, String>builder()
                .provider("y1", p -> "y1").build();

        threeLinks.run("prompt");
        FallbackTrace first = FallbackTrace.current();
        oneLink.run("prompt");
        FallbackTrace second = FallbackTrace.current();

        assertThat(first.attempts()).extracting(Attempt::provider).containsExactly("x1", "x2", "x3");
        assertThat(second.attempts()).extracting(Attempt::provider, Attempt::outcome, Attempt::failure)
                .containsExactly(tuple("y1", Attempt.Outcome.SUCCEEDED, null));
        assertThat(second.toString()).doesNotContain("x1").doesNotContain("503");
    }

    @Test
    void chainEnded_isToldOnlyItsOwnRunsFailure() throws Exception {
        RecordingListener listener = new RecordingListener();
        boolean[] fail = {false};
        FallbackChain<String, String> unobserved = FallbackChain.<String, String>builder()
                .provider("u1", p -> {
                    throw new StatusFailure(400);
                }).build();
        FallbackChain<String, String> observed = FallbackChain.<String, String>builder().name("observed")
                .listener(listener)
                .provider("anthropic", p -> {
                    if (fail[0]) {
                        throw new StatusFailure(400);
                    }
                    return "a";
                }).build();

        assertThat(catchThrowable(() -> unobserved.run("prompt"))).isInstanceOf(StatusFailure.class);
        assertThat(observed.run("prompt")).isEqualTo("a");
        fail[0] = true;
        assertThat(catchThrowable(() -> observed.run("prompt"))).isInstanceOf(StatusFailure.class);
        fail[0] = false;
        assertThat(observed.run("prompt")).isEqualTo("a");

        assertThat(chainEnds(listener)).containsExactly(
                "chainEnded call:observed anthropic answered",
                "chainEnded call:observed - StatusFailure",
                "chainEnded call:observed anthropic answered");
    }

    @Test
    void aNestedObservedChainsFailure_endsOnlyThatChain() throws Exception {
        RecordingListener listener = new RecordingListener();
        FallbackChain<String, String> inner = FallbackChain.<String, String>builder().name("inner").listener(listener)
                .provider("i1", p -> {
                    throw new StatusFailure(503);
                })
                .provider("i2", p -> {
                    throw new StatusFailure(503);
                }).build();
        FallbackChain<String, String> outer = FallbackChain.<String, String>builder().name("outer").listener(listener)
                .provider("o1", p -> {
                    try {
                        return inner.run(p);
                    } catch (AllProvidersFailedException expected) {
                        return "o1 without inner";
                    }
                }).build();

        assertThat(outer.run("prompt")).isEqualTo("o1 without inner");
        assertThat(outer.run("prompt")).isEqualTo("o1 without inner");

        assertThat(chainEnds(listener)).containsExactly(
                "chainEnded call:inner - AllProvidersFailedException",
                "chainEnded call:outer o1 answered",
                "chainEnded call:inner - AllProvidersFailedException",
                "chainEnded call:outer o1 answered");
    }

    private static List<String> chainEnds(RecordingListener listener) {
        return listener.events().stream().filter(e -> e.startsWith("chainEnded")).collect(Collectors.toList());
    }
}
