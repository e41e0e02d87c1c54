package dev.llmfallback.weaver.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmfallback.internal.plan.AnnotatedChains;
import dev.llmfallback.weaver.agent.ClassFileScan.Verdict;
import dev.llmfallback.weaver.agent.fixtures.Client;
import dev.llmfallback.weaver.agent.fixtures.CompileTimeWoven;
import dev.llmfallback.weaver.agent.fixtures.Constants;
import dev.llmfallback.weaver.agent.fixtures.NotAHead;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ClassFileScanTest {

    @Test
    public void classWithAnAnnotatedMethod_isACandidate() {
        assertThat(ClassFileScan.of(ClassFiles.of(Client.class))).isEqualTo(Verdict.CANDIDATE);
    }

    @Test
    public void longAndDoubleConstants_takeTwoSlots() {
        assertThat(ClassFileScan.of(ClassFiles.of(Constants.class))).isEqualTo(Verdict.CANDIDATE);
    }

    @Test
    public void classesThatNeverMentionTheAnnotation_areIgnored() {
        assertThat(ClassFileScan.of(ClassFiles.of(String.class.getName()))).isEqualTo(Verdict.IGNORE);
        assertThat(ClassFileScan.of(ClassFiles.of(ClassFiles.class))).isEqualTo(Verdict.IGNORE);
        assertThat(ClassFileScan.of(ClassFiles.of(AnnotatedChains.class)))
                .as("the engine reads @LlmFallback but declares no annotated method").isNotEqualTo(Verdict.CANDIDATE);
    }

    @Test
    public void aFieldOfTheAnnotationsType_isACandidateByBytes_thatTheWeaverThenDeclines() {
        // The descriptor is all the scan sees; Weaver finds no annotated method (WeaverTest).
        assertThat(ClassFileScan.of(ClassFiles.of(NotAHead.class))).isEqualTo(Verdict.CANDIDATE);
    }

    @Test
    public void classNamingTheAspect_wasWovenByAspectJ() {
        assertThat(ClassFileScan.of(ClassFiles.of(CompileTimeWoven.class))).isEqualTo(Verdict.WOVEN_BY_ASPECTJ);
    }

    @Test
    public void wovenClass_isNotWovenTwice() throws Exception {
        byte[] woven = new Weaver().weave(getClass().getClassLoader(), Client.class.getName().replace('.', '/'),
                ClassFiles.of(Client.class), true);

        assertThat(ClassFileScan.of(woven)).isEqualTo(Verdict.WOVEN_BY_AGENT);
    }

    @Test
    public void garbageAndTruncatedFiles_areIgnored() {
        byte[] client = ClassFiles.of(Client.class);

        assertThat(ClassFileScan.of(new byte[0])).isEqualTo(Verdict.IGNORE);
        assertThat(ClassFileScan.of("not a class file".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isEqualTo(Verdict.IGNORE);
        assertThat(ClassFileScan.of(Arrays.copyOf(client, 40))).isEqualTo(Verdict.IGNORE);
    }

    @Test
    public void unknownConstantKind_fallsBackToSearchingTheBytes() {
        byte[] client = ClassFiles.of(Client.class);
        client[10] = (byte) 99; // the first constant's tag

        assertThat(ClassFileScan.of(client)).isEqualTo(Verdict.CANDIDATE);
    }
}
