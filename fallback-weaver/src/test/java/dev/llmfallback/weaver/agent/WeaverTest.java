package dev.llmfallback.weaver.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmfallback.FallbackTrace;
import dev.llmfallback.weaver.agent.fixtures.Client;
import dev.llmfallback.weaver.agent.fixtures.NotAHead;
import java.lang.reflect.InvocationTargetException;
import dev.llmfallback.weaving.Entry;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.Ownership;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.implementation.ExceptionMethod;
import net.bytebuddy.implementation.FixedValue;
import org.junit.jupiter.api.Test;

/** The weaving itself, in-process: the class files the agent would produce, loaded in a child-first loader. */
class WeaverTest {

    private static final String CLIENT = Client.class.getName();

    @Test
    public void wovenHead_runsItsChain() throws Exception {
        Class<?> client = new WeavingLoader(Set.of(CLIENT), true).loadClass(CLIENT);

        Object answer = client.getMethod("head", String.class).invoke(client.getConstructor().newInstance(), "p");

        assertThat(answer).isEqualTo("fallback");
        assertThat(client.getField("bodies").get(null)).as("the head's body ran once, as the chain's first link")
                .isEqualTo(1);
        assertThat(FallbackTrace.current().attempts()).hasSize(2);
    }

    @Test
    public void warmUp_weavesItsOwnClass_throughTheWholePath() {
        byte[] woven = new Weaver().warmUp();

        String text = new String(woven, StandardCharsets.ISO_8859_1);
        assertThat(text).as("the chain advice went in").contains("dev/llmfallback/weaving/WovenChains")
                .as("and the initializer's").contains("<clinit>");
    }

    @Test
    public void noAnnotatedMethod_nothingToWeave() throws Exception {
        byte[] woven = new Weaver().weave(getClass().getClassLoader(), NotAHead.class.getName().replace('.', '/'),
                ClassFiles.of(NotAHead.class), true);

        assertThat(woven).isNull();
    }

    @Test
    public void loaderThatCannotSeeTheApi_cannotBeWoven() {
        ClassLoader noApi = new ClassLoader("no-api", ClassLoader.getPlatformClassLoader()) {
        };

        assertThatThrownBy(() -> new Weaver().weave(noApi, CLIENT.replace('.', '/'), ClassFiles.of(Client.class), true))
                .isInstanceOf(Weaver.Unweavable.class)
                .hasMessage("its class loader does not see fallback-annotations (dev.llmfallback.weaving.WovenChains)");
    }

    @Test
    public void olderApiWithoutTheAgentsEntryPoint_cannotBeWoven() {
        WeavingLoader loader = new WeavingLoader(Set.of(), true)
                .replace(Weaver.ENGINE, fakeEngine(false));

        assertThatThrownBy(() -> new Weaver().weave(loader, CLIENT.replace('.', '/'), ClassFiles.of(Client.class), true))
                .isInstanceOf(Weaver.Unweavable.class)
                .hasMessageContaining("older than this agent");
    }

    @Test
    public void failingGlue_neverBreaksTheMethod_itsBodyRuns() throws Throwable {
        // An engine whose enterHead throws: the suppressed enter advice must fall back to the body.
        Class<?> client = new WeavingLoader(Set.of(CLIENT), false).replace(Weaver.ENGINE, fakeEngine(true))
                .loadClass(CLIENT);
        Object instance = client.getConstructor().newInstance();

        assertThatThrownBy(() -> invoke(client.getMethod("head", String.class), instance))
                .as("the head's own failure, as if unwoven").hasMessageContaining("down");
        assertThat(invoke(client.getMethod("fallback", String.class), instance)).isEqualTo("fallback");
    }

    @Test
    public void retransformation_addsNoStaticInitializer() throws Exception {
        byte[] woven = new Weaver().weave(getClass().getClassLoader(), CLIENT.replace('.', '/'),
                ClassFiles.of(Client.class), false);
        byte[] withReport = new Weaver().weave(getClass().getClassLoader(), CLIENT.replace('.', '/'),
                ClassFiles.of(Client.class), true);

        assertThat(text(ClassFiles.of(Client.class))).as("javac gave Client no <clinit>").doesNotContain("<clinit>");
        assertThat(text(woven)).doesNotContain("<clinit>");
        assertThat(text(withReport)).contains("<clinit>");
    }

    /** Constant-pool names are UTF-8 in the class file; ISO-8859-1 keeps every byte. */
    private static String text(byte[] classFile) {
        return new String(classFile, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static Object invoke(Method method, Object target) throws Throwable {
        try {
            return method.invoke(target, "p");
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** dev.llmfallback.weaving.WovenChains as an older (no failed) or a broken version. */
    private static byte[] fakeEngine(boolean withEntryPoint) {
        var builder = new ByteBuddy().subclass(Object.class).name(Weaver.ENGINE)
                .defineMethod("run", Object.class, Visibility.PUBLIC, Ownership.STATIC)
                .withParameters(Entry.Deferred.class, Object.class, Object[].class)
                .intercept(ExceptionMethod.throwing(AssertionError.class, "the chain must not run"))
                .defineMethod("misconfigurations", List.class, Visibility.PUBLIC, Ownership.STATIC)
                .withParameters(Class.class)
                .intercept(FixedValue.value(List.of()));
        if (withEntryPoint) {
            builder = builder.defineMethod("enter", Entry.class, Modifier.PUBLIC | Modifier.STATIC)
                    .withParameters(Class.class, String.class)
                    .intercept(ExceptionMethod.throwing(IllegalStateException.class, "a bug in the glue"))
                    .defineMethod(Weaver.ENGINE_ENTRY, Object.class, Modifier.PUBLIC | Modifier.STATIC)
                    .withParameters(Entry.Started.class, Throwable.class, Object.class, Object[].class)
                    .intercept(ExceptionMethod.throwing(AssertionError.class, "the chain must not run"));
        }
        return builder.make().getBytes();
    }
}
