package dev.llmfallback.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmfallback.CommitPoint;
import dev.llmfallback.FallbackConfigurationException;
import dev.llmfallback.LlmFallback;
import java.io.Closeable;
import java.lang.reflect.Method;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * How annotated streaming chains (SPEC §13) are recognised and validated: the stream shapes a head may return,
 * a chain that mixes streaming and other links, and the commit point attribute.
 */
class StreamingResolutionTest {

    /** An AutoCloseable class (not an interface) with stream(): the chain could not answer as it. */
    public static class ClassResponse implements AutoCloseable {
        public Stream<String> stream() {
            return Stream.empty();
        }

        @Override
        public void close() {
        }
    }

    /** A Stream subtype the chain could not answer as. */
    public interface TokenStream extends Stream<String> {
    }

    /** A closeable interface with stream(), as the SDKs' StreamResponse. */
    public interface Response extends Closeable {
        Stream<String> stream();
    }

    /** Commits at every element. */
    public static final class Eager implements CommitPoint {
        @Override
        public boolean commits(Object element) {
            return true;
        }
    }

    @SuppressWarnings("unused")
    static class Heads {
        @LlmFallback(next = "plain")
        Stream<String> stream(String prompt) {
            return Stream.empty();
        }

        Stream<String> plain(String prompt) {
            return Stream.empty();
        }

        @LlmFallback(next = "response2")
        Response response(String prompt) {
            return null;
        }

        @LlmFallback(commitPoint = Eager.class)
        Response response2(String prompt) {
            return null;
        }

        @LlmFallback
        ClassResponse classResponse(String prompt) {
            return new ClassResponse();
        }

        @LlmFallback
        TokenStream tokenStream(String prompt) {
            return null;
        }

        @LlmFallback(next = "plain")
        Object mixed(String prompt) {
            return "";
        }

        @LlmFallback(commitPoint = Eager.class)
        String notStreaming(String prompt) {
            return "";
        }

        @LlmFallback(commitPoint = CommitPoint.class)
        String defaultCommitPoint(String prompt) {
            return "";
        }
    }

    private static Method head(String name) throws NoSuchMethodException {
        return Heads.class.getDeclaredMethod(name, String.class);
    }

    private static String rejection(String name) throws NoSuchMethodException {
        Throwable thrown = catchThrowable(() -> AnnotatedChains.plan(head(name)));
        assertThat(thrown).isExactlyInstanceOf(FallbackConfigurationException.class);
        return thrown.getMessage();
    }

    @Test
    public void streamAndCloseableInterfaceHeads_stream() throws Exception {
        assertThat(AnnotatedChains.plan(head("stream")).streamShape().describe()).isEqualTo("Stream<T>");
        assertThat(AnnotatedChains.plan(head("response")).streamShape().describe())
                .isEqualTo("Response<T> (an AutoCloseable with stream())");
        assertThat(AnnotatedChains.plan(head("defaultCommitPoint")).streamShape()).as("a plain String head").isNull();
    }

    @Test
    public void anAutoCloseableClass_isRejected_namingTheInterfaceFix() throws Exception {
        assertThat(rejection("classResponse")).startsWith("Invalid @LlmFallback on Heads"
                + ".classResponse(String): it returns " + ClassResponse.class.getName() + ", an AutoCloseable class "
                + "with stream()").contains("Fix: declare the return type as an interface with stream() and close()")
                .contains("response.stream().onClose(response::close)");
    }

    @Test
    public void aStreamSubtype_isRejected() throws Exception {
        assertThat(rejection("tokenStream")).contains("a kind of Stream").contains("Fix: declare the return type "
                + "Stream<T>.");
    }

    @Test
    public void aStreamingLinkInAChainThatDoesNotStream_isRejected() throws Exception {
        assertThat(rejection("mixed")).startsWith("Invalid @LlmFallback on Heads.plain(String)"
                + " (in the chain that starts at Heads.mixed(String)): it returns "
                + "java.util.stream.Stream<java.lang.String>, a stream, while the head mixed returns java.lang.Object, "
                + "which does not stream: a chain streams through every link or through none. Fix: declare mixed's "
                + "return type as plain's");
    }

    @Test
    public void aCommitPointOnALinkThatDoesNotStream_isRejected() throws Exception {
        assertThat(rejection("notStreaming")).contains("commitPoint = " + Eager.class.getName() + ".class, but the "
                + "chain does not stream").contains("Fix: remove commitPoint");
        assertThat(AnnotatedChains.plan(head("defaultCommitPoint"))).as("the default is no setting").isNotNull();
    }
}
