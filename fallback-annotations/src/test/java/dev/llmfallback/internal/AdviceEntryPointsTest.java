package dev.llmfallback.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmfallback.Attempt;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.LlmFallback;
import java.lang.reflect.Method;
import java.util.concurrent.TimeoutException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine entry points for advice inlined into the woven method (the Byte Buddy agent):
 * {@link AnnotatedChains#enterHead}, {@link AnnotatedChains#headAnswered}, {@link AnnotatedChains#headFailed},
 * {@link AnnotatedChains#signature} and
 * {@link AnnotatedChains#misconfigurations}.
 */
class AdviceEntryPointsTest {

    static class Client {
        @LlmFallback(next = "fallback")
        String head(String prompt) {
            return "head";
        }

        String fallback(String prompt) {
            return "fallback";
        }

        @LlmFallback(next = "fallback", timeout = "5s")
        String timed(String prompt) {
            return "timed";
        }

        int plain(long x, String[] y) {
            return 0;
        }
    }

    static class Broken {
        @LlmFallback(next = "missing")
        String head(String prompt) {
            return "head";
        }

        // A link of head2's valid chain, but not a valid head itself (its next takes other parameters).
        @LlmFallback(next = "third")
        String second(String prompt, Throwable previous) {
            return "second";
        }

        String third(String prompt, Exception previous) {
            return "third";
        }

        @LlmFallback(next = "second")
        String head2(String prompt) {
            return "head2";
        }
    }

    @Test
    public void signature_isNameAndJvmDescriptor() throws Exception {
        assertThat(AnnotatedChains.signature(Client.class.getDeclaredMethod("head", String.class)))
                .isEqualTo("head(Ljava/lang/String;)Ljava/lang/String;");
        assertThat(AnnotatedChains.signature(Client.class.getDeclaredMethod("plain", long.class, String[].class)))
                .isEqualTo("plain(J[Ljava/lang/String;)I");
    }

    @Test
    public void enterHead_startsTheChainInline_unlessTheExecutionIsALinkOfARunningChain() throws Exception {
        String head = "head(Ljava/lang/String;)Ljava/lang/String;";

        Object token = AnnotatedChains.enterHead(Client.class, head);
        assertThat(token).as("the body is the head").isNotNull().isNotInstanceOf(Method.class);
        assertThat(FallbackTrace.current().attempts()).as("started, nothing tried yet").isEmpty();
        AnnotatedChains.headAnswered(token);
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                .containsExactly(Attempt.Outcome.SUCCEEDED);

        TraceRecorder.get().expectLink(Client.class.getDeclaredMethod("head", String.class), head);
        assertThat(AnnotatedChains.enterHead(Client.class, head)).as("a link runs its body").isNull();
        Object again = AnnotatedChains.enterHead(Client.class, head);
        assertThat(again).as("the expectation is consumed").isNotNull();
        AnnotatedChains.headAnswered(again);
    }

    @Test
    public void headFailed_judgesTheHeadsFailure_andRunsTheNextLinks() throws Throwable {
        Method method = Client.class.getDeclaredMethod("head", String.class);
        Object token = AnnotatedChains.enterHead(method);

        Object answer = AnnotatedChains.headFailed(token, new TimeoutException("hung"), new Client(),
                new Object[] {"p"});

        assertThat(answer).isEqualTo("fallback");
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                .containsExactly(Attempt.Outcome.FAILED, Attempt.Outcome.SUCCEEDED);
        IllegalArgumentException callersFault = new IllegalArgumentException("bad request");
        Object stopped = AnnotatedChains.enterHead(method);
        assertThatThrownBy(() -> AnnotatedChains.headFailed(stopped, callersFault, new Client(), new Object[] {"p"}))
                .isSameAs(callersFault);
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                .containsExactly(Attempt.Outcome.STOPPED);
    }

    @Test
    public void enterHead_leavesToTheEngine_aTimedHeadAndAMisconfiguredOne() throws Exception {
        Method timed = Client.class.getDeclaredMethod("timed", String.class);
        Method broken = Broken.class.getDeclaredMethod("head", String.class);

        assertThat(AnnotatedChains.enterHead(timed)).as("a timeout needs the engine to invoke it").isEqualTo(timed);
        assertThat(AnnotatedChains.enterHead(Broken.class, "head(Ljava/lang/String;)Ljava/lang/String;"))
                .as("run() reports the misconfiguration").isEqualTo(broken);
    }

    @Test
    public void enterHead_ofAnUnannotatedOrUnknownMethod_isAnError() {
        assertThatThrownBy(() -> AnnotatedChains.enterHead(Client.class, "fallback(Ljava/lang/String;)Ljava/lang/String;"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void misconfigurations_oneMessagePerBrokenHead_notForLinksOfValidChains() {
        List<String> problems = AnnotatedChains.misconfigurations(Broken.class);

        assertThat(problems).singleElement().asString()
                .startsWith("Invalid @LlmFallback on Broken.head(String): next = \"missing\" names no method");
        assertThat(AnnotatedChains.misconfigurations(Client.class)).isEmpty();
    }

    @Test
    public void anErrorFromTheHead_endsTheChainUnjudged_withoutArguments() throws Exception {
        Method method = Client.class.getDeclaredMethod("head", String.class);
        Object token = AnnotatedChains.enterHead(method);
        OutOfMemoryError error = new OutOfMemoryError("test");

        assertThatThrownBy(() -> AnnotatedChains.headFailed(token, error, new Client(), null)).isSameAs(error);

        assertThat(TraceRecorder.get().depth()).as("the chain ended").isZero();
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                .containsExactly(Attempt.Outcome.STOPPED);
    }

    @Test
    public void aChainStartedAndNeverEnded_isDroppedWhenTheChainAroundItEnds() throws Exception {
        Method method = Client.class.getDeclaredMethod("head", String.class);
        Object outer = AnnotatedChains.enterHead(method);
        Object abandoned = AnnotatedChains.enterHead(method);
        assertThat(abandoned).isNotNull().isNotSameAs(outer);
        assertThat(TraceRecorder.get().depth()).isEqualTo(2);

        AnnotatedChains.headAnswered(outer);

        assertThat(TraceRecorder.get().depth()).as("the abandoned frame went with the outer one").isZero();
        AnnotatedChains.headAnswered(abandoned);
        assertThat(TraceRecorder.get().depth()).as("ending it late changes nothing").isZero();
    }

    @Test
    public void aChainNamingAMissingClass_isAMisconfiguration_neverRunUnprotected() throws Exception {
        String client = HiddenPredicateClient.class.getName();
        ClassLoader hiding = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(HiddenPredicateClient.MissingPredicate.class.getName())) {
                    throw new ClassNotFoundException(name);
                }
                if (!name.equals(client)) {
                    return super.loadClass(name, resolve);
                }
                synchronized (getClassLoadingLock(name)) {
                    Class<?> loaded = findLoadedClass(name);
                    if (loaded != null) {
                        return loaded;
                    }
                    try (java.io.InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        byte[] bytes = in.readAllBytes();
                        return defineClass(name, bytes, 0, bytes.length);
                    } catch (java.io.IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
            }
        };
        Class<?> type = hiding.loadClass(client);
        Method head = type.getDeclaredMethod("head", String.class);

        assertThat(AnnotatedChains.enterHead(type, "head(Ljava/lang/String;)Ljava/lang/String;"))
                .as("left to run(), which reports it").isEqualTo(head);
        assertThat(TraceRecorder.get().depth()).isZero();
        for (int call = 0; call < 2; call++) {
            assertThatThrownBy(() -> AnnotatedChains.run(head, type.getConstructor().newInstance(), new Object[] {"p"}))
                    .isInstanceOf(dev.llmfallback.FallbackConfigurationException.class)
                    .hasMessageContaining("HiddenPredicateClient.head(String)")
                    .hasMessageContaining("Fix:")
                    .hasRootCauseInstanceOf(ClassNotFoundException.class);
        }
    }
}
