package dev.llmfallback.agentit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmfallback.Attempt;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.agentit.shapes.Shapes;
import dev.llmfallback.agentit.shapes.SubShapes;
import dev.llmfallback.agentit.shapes.WithDefaults;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Method shapes the advice must handle, in this JVM, which Surefire starts with {@code -javaagent:} the
 * agent jar: the test classes themselves are woven as they load.
 */
class MethodShapesTest {

    @Test
    public void primitiveReturn_isUnboxedFromTheChainsAnswer() {
        Shapes shapes = new Shapes();

        assertThat(shapes.primitive(21)).isEqualTo(42);
        assertThat(shapes.ran).containsExactly("primitive", "intFallback");
    }

    @Test
    public void voidMethod_fallsOver() {
        Shapes shapes = new Shapes();

        shapes.voidMethod("p");

        assertThat(shapes.ran).containsExactly("voidMethod", "voidFallback:p");
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                .containsExactly(Attempt.Outcome.FAILED, Attempt.Outcome.SUCCEEDED);
    }

    @Test
    public void genericMethod_fallsOver() {
        Shapes shapes = new Shapes();

        String answer = shapes.generic("p");

        assertThat(answer).isEqualTo("p");
        assertThat(shapes.ran).containsExactly("generic", "genericFallback");
    }

    @Test
    public void varargs_arePassedOnAsTheSameArray() {
        assertThat(new Shapes().varargs("a", "b")).isEqualTo("a+b");
    }

    @Test
    public void nullAnswer_isReturned() {
        assertThat(new Shapes().returnsNull("p")).isNull();
        assertThat(FallbackTrace.current().succeeded()).isTrue();
    }

    @Test
    public void checkedException_propagatesUnchanged() {
        Throwable thrown = catchThrowable(() -> new Shapes().checked("p"));

        assertThat(thrown).isExactlyInstanceOf(IOException.class).hasMessage("checked, and unclassified: stops");
        assertThat(thrown.getStackTrace()[0].getMethodName()).isEqualTo("checked");
    }

    @Test
    public void singleLinkChain_succeeds_andIsRecorded() {
        Shapes shapes = new Shapes();

        assertThat(shapes.succeeds("p")).isEqualTo("ok:p");
        assertThat(shapes.ran).containsExactly("succeeds");
        assertThat(FallbackTrace.current().attempts()).singleElement().extracting(Attempt::method)
                .isEqualTo("Shapes.succeeds");
    }

    @Test
    public void overrideCallingSuper_runsTheSuperclassChainOnce() {
        SubShapes shapes = new SubShapes();

        assertThat(shapes.succeeds("p")).isEqualTo("sub ok:p");
        assertThat(shapes.ran).containsExactly("SubShapes.succeeds", "succeeds");
        assertThat(FallbackTrace.current().attempts()).hasSize(1);
    }

    @Test
    public void interfaceStaticMethod_fallsOver() {
        assertThat(WithDefaults.staticHead("p")).isEqualTo("interface static fallback");
    }

    @Test
    public void theAgentRunsInThisJvm() {
        assertThat(System.getProperty("dev.llmfallback.agent.active")).isEqualTo("-javaagent");
    }
}
