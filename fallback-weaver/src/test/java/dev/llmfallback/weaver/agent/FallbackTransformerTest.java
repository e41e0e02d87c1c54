package dev.llmfallback.weaver.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmfallback.weaver.agent.fixtures.AbstractHeads;
import dev.llmfallback.weaver.agent.fixtures.Client;
import dev.llmfallback.weaver.agent.fixtures.CompileTimeWoven;
import dev.llmfallback.weaver.agent.fixtures.PartlyAbstract;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.SimpleRemapper;
import net.bytebuddy.utility.OpenedClassReader;
import org.junit.jupiter.api.Test;

/**
 * The transformer as the JVM drives it: at load ({@code classBeingRedefined == null}) and when a loaded class
 * is retransformed or redefined (then the JVM hands it the original class file again). What it writes and
 * what it says.
 */
class FallbackTransformerTest {

    /** The fixtures under an application's name: the transformer leaves llm-fallback's own packages alone. */
    private static final String CLIENT = "com/example/Client";

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final FallbackTransformer transformer = new FallbackTransformer(
            new AgentLog(AgentLog.Level.WARN, new PrintStream(err, true, StandardCharsets.UTF_8)));
    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    public void classWovenAtLoad_isWovenTheSameWayWhenRetransformed_itsAddedInitializerIncluded() {
        byte[] atLoad = transformer.transform(loader, CLIENT, null, null, appClass(Client.class));
        // Retransformation (Mockito's inline mock maker, another agent) and redefinition (a debugger's
        // HotSwap) may add or delete no method: the class must keep the <clinit> the agent gave it at load.
        byte[] retransformed = transformer.transform(loader, CLIENT, Client.class, null, appClass(Client.class));

        assertThat(text(appClass(Client.class))).as("javac gave Client no <clinit>").doesNotContain("<clinit>");
        assertThat(text(atLoad)).contains("<clinit>");
        assertThat(text(retransformed)).contains("<clinit>");
        assertThat(Arrays.equals(retransformed, atLoad)).as("the same class file as at load").isTrue();
    }

    @Test
    public void classWovenFirstByRetransformation_neverGainsAnInitializer() {
        // Loaded before the agent (install()): the loaded class has no <clinit>, and cannot gain one.
        byte[] first = transformer.transform(loader, CLIENT, Client.class, null, appClass(Client.class));
        byte[] again = transformer.transform(loader, CLIENT, Client.class, null, appClass(Client.class));

        assertThat(text(first)).contains("WovenChains").doesNotContain("<clinit>");
        assertThat(Arrays.equals(again, first)).isTrue();
    }

    @Test
    public void whatWasWovenAtLoad_isRememberedPerClassLoader() {
        ClassLoader other = new ClassLoader("other", loader) {
        };
        transformer.transform(loader, CLIENT, null, null, appClass(Client.class));

        byte[] sameNameElsewhere = transformer.transform(other, CLIENT, Client.class, null, appClass(Client.class));

        assertThat(text(sameNameElsewhere)).contains("WovenChains").doesNotContain("<clinit>");
    }

    @Test
    public void classWovenByAspectJ_isLeftAlone_withAWarningTrueForCompileAndLoadTimeWeaving() {
        byte[] result = transformer.transform(loader, "com/example/CompileTimeWoven", null, null,
                appClass(CompileTimeWoven.class));
        // Mockito or another agent retransforming it later: nothing new to say.
        transformer.transform(loader, "com/example/CompileTimeWoven", CompileTimeWoven.class, null,
                appClass(CompileTimeWoven.class));

        assertThat(result).isNull();
        assertThat(lines()).containsExactly("[llm-fallback agent] left "
                + "com.example.CompileTimeWoven alone: the AspectJ aspect already wove it "
                + "(at compile time, or at load time by AspectJ's weaver agent); use one front door per class");
    }

    @Test
    public void annotatedAbstractMethod_isReportedOnce_namingTheClassTheMethodAndTheFix() {
        String name = "com/example/AbstractHeads";

        byte[] woven = transformer.transform(loader, name, null, null, appClass(AbstractHeads.class));
        // Mockito or another agent retransforming it later: nothing new to say.
        transformer.transform(loader, name, AbstractHeads.class, null, appClass(AbstractHeads.class));

        assertThat(woven).as("its static method's chain is woven").isNotNull();
        assertThat(lines()).containsExactly("[llm-fallback agent] com.example.AbstractHeads: "
                + "@LlmFallback on AbstractHeads.head(String, int) does nothing: the method is "
                + "abstract, so no execution of it can be intercepted, and the methods implementing it do not "
                + "inherit the annotation. Fix: put @LlmFallback on the implementing method instead.");
    }

    @Test
    public void annotatedAbstractMethodOfAnAbstractClass_isReported_andItsOtherChainsWoven() {
        byte[] woven = transformer.transform(loader, "com/example/PartlyAbstract", null, null,
                appClass(PartlyAbstract.class));

        assertThat(woven).isNotNull();
        assertThat(lines()).singleElement().asString().contains("PartlyAbstract: @LlmFallback on "
                + "PartlyAbstract.head(String[]) does nothing: the method is abstract");
    }

    @Test
    public void annotatedAbstractMethod_ofAClassLoadedBeforeTheAgent_isReportedWhenTheAgentWeavesIt() {
        String name = "com/example/AbstractHeads";
        transformer.recordRetransformed(true);
        try {
            transformer.transform(loader, name, AbstractHeads.class, null, appClass(AbstractHeads.class));
        } finally {
            transformer.recordRetransformed(false);
        }

        assertThat(lines()).singleElement().asString().contains("AbstractHeads.head(String, int) does nothing");
    }

    /** A fixture's class file, the class renamed into {@code com.example}. */
    private static byte[] appClass(Class<?> fixture) {
        ClassReader reader = new ClassReader(ClassFiles.of(fixture));
        ClassWriter writer = new ClassWriter(0);
        String from = fixture.getName().replace('.', '/');
        reader.accept(new ClassRemapper(writer, new SimpleRemapper(OpenedClassReader.ASM_API, from, "com/example/" + fixture.getSimpleName())), 0);
        return writer.toByteArray();
    }

    private List<String> lines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** Constant-pool names are UTF-8 in the class file; ISO-8859-1 keeps every byte. */
    private static String text(byte[] classFile) {
        return new String(classFile, StandardCharsets.ISO_8859_1);
    }
}
