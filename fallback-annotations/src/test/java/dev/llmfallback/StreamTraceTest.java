package dev.llmfallback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmfallback.Attempt.Outcome;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link FallbackTrace#of(Stream)} (SPEC §13): the stream a chain returned carries its trace, with no registry
 * — it is known through the operations that return the same stream, unknown for any other stream, and neither
 * it nor its provider's stream is kept reachable once the caller drops it.
 */
class StreamTraceTest {

    private static FallbackChain<String, String> chain(Stream<String> primary) {
        return FallbackChain.<String, String>builder()
                .streamingProvider("anthropic", p -> primary)
                .build();
    }

    @Test
    public void theReturnedStream_knowsItsTrace_throughOnCloseSequentialUnordered() throws Exception {
        AtomicInteger closed = new AtomicInteger();
        Stream<String> answer = chain(Stream.of("a", "b")).stream("prompt");

        assertThat(FallbackTrace.of(answer).attempts()).extracting(Attempt::outcome).containsExactly(Outcome.SUCCEEDED);
        Stream<String> same = answer.onClose(closed::incrementAndGet).sequential().unordered();
        assertThat(FallbackTrace.of(same)).isSameAs(FallbackTrace.of(answer));
        assertThat(FallbackTrace.of((Object) same)).isSameAs(FallbackTrace.of(answer));
        assertThat(same.collect(Collectors.toList())).containsExactly("a", "b");
        same.close();
        assertThat(closed).as("the added close handler ran").hasValue(1);
    }

    @Test
    public void theReturnedStream_delegatesIteratorAndClose_toTheProvidersStream() throws Exception {
        AtomicInteger providerClosed = new AtomicInteger();
        Stream<String> answer = chain(Stream.of("a", "b", "c").onClose(providerClosed::incrementAndGet)).stream("p");

        var iterator = answer.iterator();
        assertThat(iterator.next()).isEqualTo("a");
        assertThat(iterator.next()).isEqualTo("b");
        answer.close();

        assertThat(providerClosed).hasValue(1);
        assertThat(answer.isParallel()).isFalse();
    }

    @Test
    public void aDerivedStream_orAnyOtherStream_hasTheEmptyTrace() throws Exception {
        Stream<String> answer = chain(Stream.of("a")).stream("prompt");

        assertThat(FallbackTrace.of(answer.map(String::toUpperCase))).isSameAs(FallbackTrace.empty());
        assertThat(FallbackTrace.of(Stream.of("a"))).isSameAs(FallbackTrace.empty());
        assertThat(FallbackTrace.of((Object) List.of("a").stream())).isSameAs(FallbackTrace.empty());
    }

    @Test
    public void aDroppedStream_keepsNeitherItsTraceNorTheProvidersStreamReachable() throws Exception {
        List<WeakReference<Object>> refs = streamProviderAndTrace();
        // FallbackTrace.current() keeps this thread's latest trace, by design: a later run replaces it.
        chain(Stream.of("later")).stream("prompt").close();

        for (int i = 0; i < 200 && refs.stream().anyMatch(ref -> ref.get() != null); i++) {
            System.gc();
            Thread.sleep(5);
        }

        assertThat(refs.get(0).get()).as("the returned stream").isNull();
        assertThat(refs.get(1).get()).as("the provider's stream").isNull();
        assertThat(refs.get(2).get()).as("the trace").isNull();
    }

    private static List<WeakReference<Object>> streamProviderAndTrace() throws Exception {
        Stream<String> providers = Stream.of("a", "b");
        Stream<String> answer = chain(providers).stream("prompt");
        assertThat(answer.findFirst()).contains("a");
        FallbackTrace trace = FallbackTrace.of(answer);
        assertThat(trace.attempts()).hasSize(1);
        return List.of(new WeakReference<>(answer), new WeakReference<>(providers), new WeakReference<>(trace));
    }
}
