package dev.llmfallback.tck;

import static dev.llmfallback.tck.Script.Behaviour.answer;
import static dev.llmfallback.tck.Script.Behaviour.fail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmfallback.Attempt;
import dev.llmfallback.FallbackConfigurationException;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.tck.fixtures.Arities;
import dev.llmfallback.tck.fixtures.DefaultMethodClient;
import dev.llmfallback.tck.fixtures.InheritingClient;
import dev.llmfallback.tck.fixtures.Misconfigured;
import dev.llmfallback.tck.fixtures.Overloads;
import dev.llmfallback.tck.fixtures.PreviousFailure;
import dev.llmfallback.tck.fixtures.StaticChain;
import dev.llmfallback.tck.fixtures.ThreeProviders;
import dev.llmfallback.tck.fixtures.Visibilities;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What annotated front doors must show beyond {@link BehaviourContract}: the sibling rules of SPEC §3, links
 * that run their own body once, and every misconfiguration of §8. Run against the fixtures as woven by the
 * front door under test.
 */
public abstract class AnnotatedBehaviourContract extends ProviderHealthContract {

    /** Fails every test at once, and says why, when the fixtures were not woven at all. */
    @BeforeEach
    public void fixturesAreWoven() throws Exception {
        Script script = Script.of(fail(status(503)), answer("fallback"), answer("local"));
        Throwable unwoven = catchThrowable(() -> new ThreeProviders(script).callAnthropic(PROMPT));
        assertThat(unwoven).as("%s: calling an @LlmFallback head must fall over; the fixtures were not woven", door())
                .isNull();
        assertThat(script.calledProviders()).containsExactly(0, 1);
    }

    // ---- links -------------------------------------------------------------------------------------

    @Test
    public void linkReachedByTheChain_runsItsOwnBodyOnce_withoutAChainOfItsOwn() throws Exception {
        // callOpenAi is annotated (next = callLocal): reached from callAnthropic it must not start its own chain.
        Script script = Script.of(fail(status(529)), fail(status(503)), answer("from local"));

        assertThat(new ThreeProviders(script).callAnthropic(PROMPT)).isEqualTo("from local");

        assertThat(script.calledProviders()).containsExactly(0, 1, 2);
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::provider)
                .containsExactly("anthropic", "openai", "callLocal");
    }

    @Test
    public void siblingCalledDirectly_isTheHeadOfItsOwnChain() throws Exception {
        Script script = Script.of(answer("unused"), fail(status(503)), answer("from local"));

        assertThat(new ThreeProviders(script).callOpenAi(PROMPT)).isEqualTo("from local");

        assertThat(script.calledProviders()).containsExactly(1, 2);
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::provider).containsExactly("openai", "callLocal");
    }

    @Test
    public void unannotatedMethodCalledDirectly_leavesTheTraceAlone() throws Exception {
        Script script = Script.of(fail(status(503)), answer("from openai"), answer("from local"));
        ThreeProviders client = new ThreeProviders(script);
        client.callAnthropic(PROMPT);
        FallbackTrace before = FallbackTrace.current();

        assertThat(client.callLocal(PROMPT)).isEqualTo("from local");

        assertThat(FallbackTrace.current().attempts()).isEqualTo(before.attempts());
    }

    @Test
    public void privateAndFinalSiblings() throws Exception {
        Script script = Script.of(fail(status(503)), fail(status(529)), answer("from final"));

        assertThat(new Visibilities(script).head(PROMPT)).isEqualTo("from final");

        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::method).containsExactly(
                "Visibilities.head", "Visibilities.privateSibling", "Visibilities.finalSibling");
    }

    @Test
    public void staticSiblings() throws Exception {
        StaticChain.SCRIPT.set(Script.of(fail(status(503)), fail(status(502)), answer("from private static")));
        try {
            assertThat(StaticChain.first(PROMPT)).isEqualTo("from private static");
            assertThat(FallbackTrace.current().attempts()).extracting(Attempt::method)
                    .containsExactly("StaticChain.first", "StaticChain.second", "StaticChain.third");
        } finally {
            StaticChain.SCRIPT.remove();
        }
    }

    @Test
    public void everyArity_headAnswersInPlace_orFallsOverWithItsArguments() throws Exception {
        assertThat(new Arities(Script.of(answer("head"))).none()).isEqualTo("head");
        assertThat(new Arities(Script.of(fail(status(503)), answer("next"))).none()).isEqualTo("next()");
        assertThat(new Arities(Script.of(answer("head"))).three("p", 4, 2.5)).isEqualTo(4L);
        assertThat(new Arities(Script.of(fail(status(503)), answer("next"))).three("p", 4, 2.5)).isEqualTo(42L);
        assertThat(new Arities(Script.of(answer("head"))).four("p", 1, 2L, 'x')).isEqualTo("head12x");
        assertThat(new Arities(Script.of(fail(status(529)), answer("next"))).four("p", 1, 2L, 'x'))
                .isEqualTo("next/1/2/x");
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::method)
                .containsExactly("Arities.four", "Arities.fourNext");
        try {
            StaticChain.SCRIPT.set(Script.of(answer("head")));
            assertThat(Arities.staticNone()).isEqualTo(4);
            StaticChain.SCRIPT.set(Script.of(fail(status(503)), answer("next")));
            assertThat(Arities.staticNone()).isEqualTo(-4);
            StaticChain.SCRIPT.set(Script.of(answer("head")));
            assertThat(Arities.staticThree("p", true, null)).isEqualTo("headtruenull");
            StaticChain.SCRIPT.set(Script.of(fail(status(503)), answer("next")));
            assertThat(Arities.staticThree("p", true, 7)).isEqualTo("next/true/7");
            List<String> out = new ArrayList<>();
            StaticChain.SCRIPT.set(Script.of(answer("head")));
            Arities.staticFour("p", 1, 2L, out);
            StaticChain.SCRIPT.set(Script.of(fail(status(503)), answer("next")));
            Arities.staticFour("p", 1, 2L, out);
            assertThat(out).containsExactly("head12", "next/1/2");
            assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                    .containsExactly(Attempt.Outcome.FAILED, Attempt.Outcome.SUCCEEDED);
        } finally {
            StaticChain.SCRIPT.remove();
        }
    }

    @Test
    public void inheritedSibling() throws Exception {
        Script script = Script.of(fail(status(503)), answer("from base"));

        assertThat(new InheritingClient(script).head(PROMPT)).isEqualTo("from base");

        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::method)
                .containsExactly("InheritingClient.head", "BaseClient.inheritedLocal");
    }

    @Test
    public void inheritedDefaultMethodSibling_runsTheDefaultBody() throws Exception {
        Script script = Script.of(fail(status(503)), answer("from the default method"));

        assertThat(new DefaultMethodClient(script).head(PROMPT)).isEqualTo("from the default method");

        assertThat(script.calledProviders()).containsExactly(0, 1);
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::method)
                .containsExactly("DefaultMethodClient.head", "LocalModel.inheritedDefault");
    }

    @Test
    public void trailingFailureParameter_receivesThePreviousLinksFailure() throws Exception {
        ProviderException first = status(529);
        ProviderException second = status(503);
        Script script = Script.of(fail(first), fail(second), answer("from third"));

        assertThat(new PreviousFailure(script).head(PROMPT)).isEqualTo("from third");

        List<Script.Call> calls = script.calls();
        assertThat(calls.get(1).previous()).isSameAs(first);
        assertThat(calls.get(2).previous()).isSameAs(second);
        assertThat(calls).extracting(Script.Call::prompt).containsOnly(PROMPT);
    }

    @Test
    public void overloadedNext_meansTheOverloadWithTheHeadsParameters() throws Exception {
        Script script = Script.of(fail(status(503)), answer("from fallback(String)"));

        assertThat(new Overloads(script).head(PROMPT)).isEqualTo("from fallback(String)");
    }

    @Test
    public void siblingReturningAGenericSubtype_fits() throws Exception {
        Script script = Script.of(fail(status(503)), answer("from arrayList"));

        List<String> answer = new Overloads(script).list(PROMPT);

        assertThat(answer).isInstanceOf(ArrayList.class).containsExactly("from arrayList");
    }

    // ---- misconfiguration (SPEC §8) ----------------------------------------------------------------

    /** A misconfigured fixture's head, called through the woven method. */
    @FunctionalInterface
    public interface Head {
        Object call(Script script) throws Exception;
    }

    static Stream<Arguments> misconfigurations() {
        return Stream.of(
                Arguments.of("MissingNext", (Head) s -> new Misconfigured.MissingNext(s).head(PROMPT),
                        List.of("MissingNext.head(String)", "next = \"callOpenAI\" names no method",
                                "did you mean \"callOpenAi\"?")),
                Arguments.of("WrongParameters", (Head) s -> new Misconfigured.WrongParameters(s).head(PROMPT),
                        List.of("WrongParameters.head(String)", "WrongParameters.sibling(int)",
                                "does not take the head's parameters (String)")),
                Arguments.of("IncompatibleReturn", (Head) s -> new Misconfigured.IncompatibleReturn(s).head(PROMPT),
                        List.of("IncompatibleReturn.head(String)", "returns java.lang.Integer",
                                "not assignable to the head's return type java.lang.String")),
                Arguments.of("GenericMismatch", (Head) s -> new Misconfigured.GenericMismatch(s).head(PROMPT),
                        List.of("GenericMismatch.head(String)", "java.util.List<java.lang.Integer>",
                                "java.util.List<java.lang.String>")),
                Arguments.of("StaticMismatch", (Head) s -> new Misconfigured.StaticMismatch(s).head(PROMPT),
                        List.of("StaticMismatch.head(String)", "which is static",
                                "make both static or both instance methods")),
                Arguments.of("Cycle", (Head) s -> new Misconfigured.Cycle(s).head(PROMPT),
                        List.of("Cycle.other(String)", "cycle: head -> other -> head")),
                Arguments.of("UnusablePredicate", (Head) s -> new Misconfigured.UnusablePredicate(s).head(PROMPT),
                        List.of("UnusablePredicate.head(String)", "NeedsArgument",
                                "no public static final INSTANCE field and no public no-arg constructor")),
                Arguments.of("Ambiguous", (Head) s -> new Misconfigured.Ambiguous(s).head(PROMPT),
                        List.of("Ambiguous.head(String)", "is ambiguous")),
                Arguments.of("BadTimeout", (Head) s -> new Misconfigured.BadTimeout(s).head(PROMPT),
                        List.of("BadTimeout.head(String)", "timeout = \"10 seconds\" is not a duration", "\"10s\"")),
                Arguments.of("TooLongDeadline", (Head) s -> new Misconfigured.TooLongDeadline(s).head(PROMPT),
                        List.of("TooLongDeadline.head(String): deadline = \"PT3000000H\" is too long",
                                "about 292 years", "Fix: write a shorter deadline")),
                Arguments.of("SynchronizedTimeout", (Head) s -> new Misconfigured.SynchronizedTimeout(s).head(PROMPT),
                        List.of("SynchronizedTimeout.head(String): it is synchronized, and timeout = \"200ms\"",
                                "worker thread", "remove synchronized")),
                Arguments.of("SynchronizedTimedSibling",
                        (Head) s -> new Misconfigured.SynchronizedTimedSibling(s).head(PROMPT),
                        List.of("SynchronizedTimedSibling.sibling(String) (in the chain that starts at "
                                + "SynchronizedTimedSibling.head(String)): it is synchronized",
                                "remove synchronized from sibling")),
                Arguments.of("WrongFutureType", (Head) s -> new Misconfigured.WrongFutureType(s).head(PROMPT),
                        List.of("WrongFutureType.head(String)", "returns OwnFuture",
                                "declare the return type CompletionStage<T> or CompletableFuture<T>")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misconfigurations")
    public void misconfiguredChain_failsEveryCall_beforeAnyProviderRuns(String name, Head head, List<String> says) {
        Script script = Script.of(answer("must not run"), answer("must not run"));
        FallbackTrace before = FallbackTrace.current();

        for (int call = 0; call < 2; call++) {
            Throwable thrown = catchThrowable(() -> head.call(script));

            assertThat(thrown).isExactlyInstanceOf(FallbackConfigurationException.class);
            assertThat(thrown.getMessage()).startsWith("Invalid @LlmFallback on ").contains(says).contains("Fix: ")
                    .doesNotContain(SECRET);
        }
        assertThat(script.calls()).isEmpty();
        assertThat(FallbackTrace.current().attempts()).as("a misconfigured chain runs nothing, records nothing")
                .isEqualTo(before.attempts());
    }
}
