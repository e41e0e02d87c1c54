package dev.llmfallback.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmfallback.LlmFallback;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine entry points for advice inlined into the woven method (the Byte Buddy agent):
 * {@link AnnotatedChains#chainToStart}, {@link AnnotatedChains#signature} and
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
    public void chainToStart_isTheMethod_unlessTheExecutionIsALinkOfARunningChain() throws Exception {
        String head = "head(Ljava/lang/String;)Ljava/lang/String;";

        assertThat(AnnotatedChains.chainToStart(Client.class, head))
                .isEqualTo(Client.class.getDeclaredMethod("head", String.class));

        TraceRecorder.get().expectLink(Client.class.getDeclaredMethod("head", String.class));
        assertThat(AnnotatedChains.chainToStart(Client.class, head)).as("a link runs its body").isNull();
        assertThat(AnnotatedChains.chainToStart(Client.class, head)).as("the expectation is consumed").isNotNull();
    }

    @Test
    public void chainToStart_ofAnUnannotatedOrUnknownMethod_isAnError() {
        assertThatThrownBy(() -> AnnotatedChains.chainToStart(Client.class, "fallback(Ljava/lang/String;)Ljava/lang/String;"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void misconfigurations_oneMessagePerBrokenHead_notForLinksOfValidChains() {
        List<String> problems = AnnotatedChains.misconfigurations(Broken.class);

        assertThat(problems).singleElement().asString()
                .startsWith("Invalid @LlmFallback on Broken.head(String): next = \"missing\" names no method");
        assertThat(AnnotatedChains.misconfigurations(Client.class)).isEmpty();
    }
}
