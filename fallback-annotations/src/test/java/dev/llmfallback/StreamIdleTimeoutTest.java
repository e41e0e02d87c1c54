package dev.llmfallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The idle timeout of a streaming chain's {@link Stream} after the commit (SPEC §13): a pull that waits too
 * long for the committed provider closes its stream and fails with {@link StreamInterruptedException}. The
 * provider's stall is played on the fake clock: its pull moves the clock, so the idle timer fires while the
 * pull waits, as it would on the timer thread; the provider then sees its stream closed, as an SDK's blocked
 * read sees its socket closed.
 */
class StreamIdleTimeoutTest {

    private static final String SECRET = "s3cr3t-idle-prompt";

    private final FakeScheduler clock = new FakeScheduler();

    /** A stream whose pulls are scripted: a String is the next element, a Duration a stall of that long. */
    private final class Stalling {
        final AtomicBoolean closed = new AtomicBoolean();
        private final Object[] steps;

        Stalling(Object... steps) {
            this.steps = steps;
        }

        Stream<String> open(String input) {
            Iterator<Object> script = List.of(steps).iterator();
            Spliterator<String> source = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {
                @Override
                public boolean tryAdvance(Consumer<? super String> action) {
                    while (script.hasNext()) {
                        Object step = script.next();
                        if (step instanceof Duration) {
                            clock.advance((Duration) step);
                            if (closed.get()) {
                                throw new UncheckedIOException(new IOException("Socket closed"));
                            }
                        } else {
                            action.accept((String) step);
                            return true;
                        }
                    }
                    return false;
                }
            };
            return StreamSupport.stream(source, false).onClose(() -> closed.set(true));
        }
    }

    private FallbackChain<String, String> chain(Stalling provider, Duration idle) {
        return FallbackChain.<String, String>builder().scheduler(clock)
                .streamingProvider("anthropic", provider::open)
                .streamingProvider("openai", p -> Stream.of("never"))
                .idleTimeout(idle)
                .build();
    }

    @Test
    public void stallLongerThanTheIdleTimeout_closesTheStream_andInterruptsIt() throws Exception {
        Stalling provider = new Stalling("one", "two", Duration.ofSeconds(30), "unreached");
        List<String> received = new ArrayList<>();

        Stream<String> answer = chain(provider, Duration.ofSeconds(10)).stream(SECRET);
        Throwable thrown = catchThrowable(() -> answer.forEach(received::add));

        assertThat(received).containsExactly("one", "two");
        assertThat(thrown).isInstanceOf(StreamInterruptedException.class)
                .hasMessageStartingWith("stream from anthropic interrupted after 2 elements: TimeoutException")
                .hasCauseInstanceOf(TimeoutException.class);
        assertThat(thrown.getCause()).hasMessage("no element from anthropic for PT10S after the commit (idle timeout PT10S)");
        assertThat(thrown.getSuppressed()).singleElement().isInstanceOf(UncheckedIOException.class);
        assertThat(provider.closed).as("the stalled stream was closed, releasing its connection").isTrue();
        assertThat(clock.pendingTimers()).isZero();
        assertThat(thrown.getMessage()).doesNotContain(SECRET);
    }

    @Test
    public void pausesShorterThanTheIdleTimeout_eachPullHasItsOwnBudget() throws Exception {
        Stalling provider = new Stalling("one", Duration.ofSeconds(9), "two", Duration.ofSeconds(9), "three");

        try (Stream<String> answer = chain(provider, Duration.ofSeconds(10)).stream(SECRET)) {
            assertThat(answer).containsExactly("one", "two", "three");
        }
        assertThat(provider.closed).isTrue();
    }

    @Test
    public void timeTheCallerSpendsBetweenPulls_isNotAStall() throws Exception {
        Stalling provider = new Stalling("one", "two");

        try (Stream<String> answer = chain(provider, Duration.ofSeconds(10)).stream(SECRET)) {
            Iterator<String> pulled = answer.iterator();
            assertThat(pulled.next()).isEqualTo("one");
            clock.advance(Duration.ofMinutes(5));
            assertThat(pulled.next()).isEqualTo("two");
            assertThat(pulled.hasNext()).isFalse();
        }
        assertThat(clock.pendingTimers()).as("no timer while nobody waits").isLessThanOrEqualTo(1);
    }

    @Test
    public void withoutAnIdleTimeout_aStallAfterTheCommitIsUnbounded() throws Exception {
        Stalling provider = new Stalling("one", Duration.ofHours(1), "two");
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder().scheduler(clock)
                .streamingProvider("anthropic", provider::open).build();

        try (Stream<String> answer = chain.stream(SECRET)) {
            assertThat(answer).containsExactly("one", "two");
        }
    }
}
