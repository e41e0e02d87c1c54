package dev.llmfallback.agentit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmfallback.Attempt;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.agentit.redefined.NoInitializer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassDefinition;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.Test;

/**
 * A class the agent wove at load, retransformed or redefined afterwards by another agent (Mockito's inline
 * mock maker, a profiler) or a debugger (HotSwap): the JVM then lets no method be added or deleted, and hands
 * the transformers the original class file again, so the agent must weave it exactly as at load, the static
 * initializer it added to a class without one included. In this JVM, which Surefire starts with
 * {@code -javaagent:} the agent jar: the fixtures are woven as they load.
 */
class RetransformationTest {

    @Test
    public void fixtureHasNoStaticInitializerOfItsOwn() throws IOException {
        assertThat(new String(classFile(NoInitializer.class), StandardCharsets.ISO_8859_1)).doesNotContain("<clinit>");
    }

    @Test
    public void wovenClassWithoutInitializer_canBeRetransformed_andStillFallsOver() throws Exception {
        new NoInitializer();

        ByteBuddyAgent.install().retransformClasses(NoInitializer.class);

        assertFallsOver(new NoInitializer());
    }

    @Test
    public void wovenClassWithoutInitializer_canBeRedefinedWithItsClassFile_asHotSwapDoes() throws Exception {
        new NoInitializer();
        Instrumentation instrumentation = ByteBuddyAgent.install();

        instrumentation.redefineClasses(new ClassDefinition(NoInitializer.class, classFile(NoInitializer.class)));

        assertFallsOver(new NoInitializer());
    }

    private static void assertFallsOver(NoInitializer client) {
        assertThat(client.head("p")).isEqualTo("fallback");
        assertThat(client.ran).containsExactly("head", "fallback");
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                .isEqualTo(List.of(Attempt.Outcome.FAILED, Attempt.Outcome.SUCCEEDED));
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }
}
