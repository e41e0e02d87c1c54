package dev.llmfallback.weaving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmfallback.Attempt;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.LlmFallback;
import dev.llmfallback.internal.plan.AnnotatedChains;
import dev.llmfallback.internal.run.ThreadState;
import java.lang.reflect.Method;
import java.util.concurrent.TimeoutException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The weaving ABI's entry points as advice calls them: {@link WovenChains#enter}, {@link WovenChains#answered},
 * {@link WovenChains#failed}, {@link WovenChains#run}, {@link WovenChains#misconfigurations}, and the
 * signature key the agent's advice passes.
 */
class WovenChainsTest {

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
    public void enter_startsTheChainInline_unlessTheExecutionIsALinkOfARunningChain() throws Exception {
        String head = "head(Ljava/lang/String;)Ljava/lang/String;";

        Entry token = WovenChains.enter(Client.class, head);
        assertThat(token).as("the body is the head").isInstanceOf(Entry.Started.class);
        assertThat(FallbackTrace.current().attempts()).as("started, nothing tried yet").isEmpty();
        WovenChains.answered((Entry.Started) token);
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                .containsExactly(Attempt.Outcome.SUCCEEDED);

        ThreadState.get().guard().expect(Client.class.getDeclaredMethod("head", String.class), head);
        assertThat(WovenChains.enter(Client.class, head)).as("a link runs its body").isNull();
        Entry again = WovenChains.enter(Client.class, head);
        assertThat(again).as("the expectation is consumed").isNotNull();
        WovenChains.answered((Entry.Started) again);
    }

    @Test
    public void failed_judgesTheHeadsFailure_andRunsTheNextLinks() throws Throwable {
        Method method = Client.class.getDeclaredMethod("head", String.class);
        Entry token = WovenChains.enter(method);

        Object answer = WovenChains.failed((Entry.Started) token, new TimeoutException("hung"), new Client(),
                new Object[] {"p"});

        assertThat(answer).isEqualTo("fallback");
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                .containsExactly(Attempt.Outcome.FAILED, Attempt.Outcome.SUCCEEDED);
        IllegalArgumentException callersFault = new IllegalArgumentException("bad request");
        Entry stopped = WovenChains.enter(method);
        assertThatThrownBy(() -> WovenChains.failed((Entry.Started) stopped, callersFault, new Client(), new Object[] {"p"}))
                .isSameAs(callersFault);
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                .containsExactly(Attempt.Outcome.STOPPED);
    }

    @Test
    public void enter_leavesToTheEngine_aTimedHeadAndAMisconfiguredOne() throws Exception {
        Method timed = Client.class.getDeclaredMethod("timed", String.class);
        Method broken = Broken.class.getDeclaredMethod("head", String.class);

        assertThat(WovenChains.enter(timed)).as("a timeout needs the engine to invoke it").isInstanceOf(Entry.Deferred.class);
        assertThat(WovenChains.enter(Broken.class, "head(Ljava/lang/String;)Ljava/lang/String;"))
                .as("run() reports the misconfiguration").isInstanceOf(Entry.Deferred.class);
        Entry.Deferred deferred = (Entry.Deferred) WovenChains.enter(broken);
        assertThatThrownBy(() -> WovenChains.run(deferred, new Broken(), new Object[] {"p"}))
                .isInstanceOf(dev.llmfallback.FallbackConfigurationException.class)
                .hasMessageContaining("Broken.head(String)");
    }

    @Test
    public void enter_ofAnUnannotatedOrUnknownMethod_isAnError() {
        assertThatThrownBy(() -> WovenChains.enter(Client.class, "fallback(Ljava/lang/String;)Ljava/lang/String;"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void misconfigurations_oneMessagePerBrokenHead_notForLinksOfValidChains() {
        List<String> problems = WovenChains.misconfigurations(Broken.class);

        assertThat(problems).singleElement().asString()
                .startsWith("Invalid @LlmFallback on Broken.head(String): next = \"missing\" names no method");
        assertThat(WovenChains.misconfigurations(Client.class)).isEmpty();
    }

    @Test
    public void anErrorFromTheHead_endsTheChainUnjudged_withoutArguments() throws Exception {
        Method method = Client.class.getDeclaredMethod("head", String.class);
        Entry token = WovenChains.enter(method);
        OutOfMemoryError error = new OutOfMemoryError("test");

        assertThatThrownBy(() -> WovenChains.failed((Entry.Started) token, error, new Client(), null)).isSameAs(error);

        assertThat(ThreadState.get().traces().depth()).as("the chain ended").isZero();
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                .containsExactly(Attempt.Outcome.STOPPED);
    }

    @Test
    public void aChainStartedAndNeverEnded_isDroppedWhenTheChainAroundItEnds() throws Exception {
        Method method = Client.class.getDeclaredMethod("head", String.class);
        Entry outer = WovenChains.enter(method);
        Entry abandoned = WovenChains.enter(method);
        assertThat(abandoned).isNotNull().isNotSameAs(outer);
        assertThat(ThreadState.get().traces().depth()).isEqualTo(2);

        WovenChains.answered((Entry.Started) outer);

        assertThat(ThreadState.get().traces().depth()).as("the abandoned frame went with the outer one").isZero();
        WovenChains.answered((Entry.Started) abandoned);
        assertThat(ThreadState.get().traces().depth()).as("ending it late changes nothing").isZero();
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

        assertThat(WovenChains.enter(type, "head(Ljava/lang/String;)Ljava/lang/String;"))
                .as("left to run(), which reports it").isInstanceOf(Entry.Deferred.class);
        Entry.Deferred deferred = (Entry.Deferred) WovenChains.enter(head);
        assertThat(ThreadState.get().traces().depth()).isZero();
        for (int call = 0; call < 2; call++) {
            assertThatThrownBy(() -> WovenChains.run(deferred, type.getConstructor().newInstance(), new Object[] {"p"}))
                    .isInstanceOf(dev.llmfallback.FallbackConfigurationException.class)
                    .hasMessageContaining("HiddenPredicateClient.head(String)")
                    .hasMessageContaining("Fix:")
                    .hasRootCauseInstanceOf(ClassNotFoundException.class);
        }
    }
}
