package dev.llmfallback.weaving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmfallback.Attempt;
import dev.llmfallback.Attempt.Outcome;
import dev.llmfallback.CommitPoint;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.LlmFallback;
import dev.llmfallback.StreamInterruptedException;
import dev.llmfallback.internal.plan.AnnotatedChains;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Annotated streaming heads (SPEC §13) as every weaving front door runs them: {@link WovenChains#enter} defers
 * a streaming head to {@link WovenChains#run}, which answers with the committed stream as the head's declared
 * type. The providers here are in-memory streams; fallback-tck runs the same through the doors with both SDKs.
 */
class StreamingHeadsTest {

    /** An in-memory stand-in for the SDKs' {@code StreamResponse}: an interface with stream() and close(). */
    public interface Response<T> extends AutoCloseable, Iterable<T> {
        Stream<T> stream();

        String requestId();

        @Override
        void close();

        @Override
        default Iterator<T> iterator() {
            return stream().iterator();
        }
    }

    /** Counts the streams and responses opened and closed. */
    static final class Counts {
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();

        <T> Stream<T> count(Stream<T> stream) {
            opened.incrementAndGet();
            return stream.onClose(closed::incrementAndGet);
        }

        <T> Response<T> response(String id, Stream<T> elements) {
            opened.incrementAndGet();
            return new Response<T>() {
                @Override
                public Stream<T> stream() {
                    return elements;
                }

                @Override
                public String requestId() {
                    return id;
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }

        boolean allClosed() {
            return opened.get() == closed.get();
        }
    }

    static final UncheckedIOException OVERLOADED = new UncheckedIOException(new SocketException("connection reset"));

    /** "pre" is a preamble element (does not commit); anything else commits. */
    public static final class SkipsPre implements CommitPoint {
        public static final SkipsPre INSTANCE = new SkipsPre();

        @Override
        public boolean commits(Object element) {
            return !"pre".equals(element);
        }
    }

    static Stream<String> failingAfter(List<String> elements, RuntimeException failure) {
        Iterator<String> it = elements.iterator();
        return Stream.iterate(null, x -> true, x -> null).map(x -> {
            if (it.hasNext()) {
                return it.next();
            }
            throw failure;
        });
    }

    static class Tokens {
        final Counts counts = new Counts();
        volatile Stream<String> primary;

        @LlmFallback(next = "secondary", provider = "primary", commitPoint = SkipsPre.class)
        Stream<String> primary(String prompt) {
            return counts.count(primary);
        }

        @LlmFallback(provider = "secondary", commitPoint = SkipsPre.class)
        Stream<String> secondary(String prompt) {
            return counts.count(Stream.of("pre", "b1", "b2"));
        }

        @LlmFallback(next = "secondResponse", provider = "primary", commitPoint = SkipsPre.class)
        Response<String> firstResponse(String prompt) {
            return counts.response("req-1", primary);
        }

        @LlmFallback(provider = "secondary", commitPoint = SkipsPre.class)
        Response<String> secondResponse(String prompt) {
            return counts.response("req-2", Stream.of("pre", "b1", "b2"));
        }
    }

    private static Object call(Tokens tokens, String name) throws Throwable {
        Method head = Tokens.class.getDeclaredMethod(name, String.class);
        Entry entry = WovenChains.enter(head);
        assertThat(entry).as("a streaming head is never run inline").isInstanceOf(Entry.Deferred.class);
        return WovenChains.run((Entry.Deferred) entry, tokens, new Object[] {"a private prompt"});
    }

    @Test
    @SuppressWarnings("unchecked")
    public void streamHead_failureAfterThePreamble_fallsOver_onePreambleEmitted_everyStreamClosed() throws Throwable {
        Tokens tokens = new Tokens();
        tokens.primary = failingAfter(List.of("pre"), OVERLOADED);

        List<String> received;
        try (Stream<String> answer = (Stream<String>) call(tokens, "primary")) {
            assertThat(tokens.counts.closed).as("the abandoned stream, before the caller reads").hasValue(1);
            received = answer.collect(Collectors.toList());
            assertThat(FallbackTrace.of(answer).attempts()).extracting(Attempt::outcome)
                    .containsExactly(Outcome.FAILED, Outcome.SUCCEEDED);
        }

        assertThat(received).containsExactly("pre", "b1", "b2");
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::provider).containsExactly("primary", "secondary");
        assertThat(tokens.counts.allClosed()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    public void streamHead_failureAfterTheCommit_isStreamInterrupted_secondaryNeverCalled() throws Throwable {
        Tokens tokens = new Tokens();
        tokens.primary = failingAfter(List.of("pre", "a1", "a2"), OVERLOADED);

        List<String> received = new ArrayList<>();
        Throwable thrown;
        try (Stream<String> answer = (Stream<String>) call(tokens, "primary")) {
            thrown = catchThrowable(() -> answer.forEach(received::add));
        }

        assertThat(thrown).isInstanceOf(StreamInterruptedException.class).hasCause(OVERLOADED);
        assertThat(((StreamInterruptedException) thrown).elementsEmitted()).isEqualTo(3);
        assertThat(thrown.getMessage()).doesNotContain("private prompt");
        assertThat(received).containsExactly("pre", "a1", "a2");
        assertThat(tokens.counts.opened).as("the secondary never opened").hasValue(1);
        assertThat(tokens.counts.allClosed()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    public void closeableHead_answersAsTheDeclaredInterface_streamIsTheCommittedOne_closeClosesTheWinner()
            throws Throwable {
        Tokens tokens = new Tokens();
        tokens.primary = failingAfter(List.of("pre"), OVERLOADED);

        Response<String> answer = (Response<String>) call(tokens, "firstResponse");
        assertThat(tokens.counts.closed).as("the abandoned response, before the caller reads").hasValue(1);
        assertThat(answer.requestId()).as("other methods are the winner's").isEqualTo("req-2");
        List<String> received = new ArrayList<>();
        answer.forEach(received::add);
        assertThat(received).as("the default iterator() reads stream()").containsExactly("pre", "b1", "b2");
        assertThat(FallbackTrace.of(answer.stream()).attempts()).extracting(Attempt::outcome)
                .containsExactly(Outcome.FAILED, Outcome.SUCCEEDED);
        answer.close();

        assertThat(tokens.counts.allClosed()).isTrue();
        assertThat(answer.toString()).doesNotContain("private prompt");
    }

    @Test
    public void closeableHead_abandonedByTheCaller_closeReleasesTheWinnerUnread() throws Throwable {
        Tokens tokens = new Tokens();
        tokens.primary = Stream.of("pre", "a1", "a2");

        try (Response<?> answer = (Response<?>) call(tokens, "firstResponse")) {
            assertThat(answer.requestId()).isEqualTo("req-1");
        }

        assertThat(tokens.counts.opened).hasValue(1);
        assertThat(tokens.counts.allClosed()).isTrue();
    }

    @Test
    public void theStreamingPlan_isResolvedOnce_withItsShape() throws Exception {
        assertThat(AnnotatedChains.plan(Tokens.class.getDeclaredMethod("primary", String.class)).streamShape())
                .isNotNull();
        assertThat(AnnotatedChains.plan(Tokens.class.getDeclaredMethod("firstResponse", String.class)).streamShape()
                .describe()).startsWith("Response<T>");
    }
}
