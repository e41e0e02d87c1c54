package dev.llmfallback.publishers;

import dev.llmfallback.FallbackChain;
import dev.llmfallback.HasStatusCode;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import reactor.core.publisher.Flux;

/**
 * The Reactive Streams TCK (its {@link Flow} variant, TestNG, run on the JUnit Platform by the TestNG engine)
 * on the publisher {@link FallbackChain#publish} answers with. Every publisher under test falls over first: its
 * chain's first provider signals a 529 before any element, so the TCK sees the subscription of a chain that
 * went through its pre-commit run, the abandoned subscription and the committed Reactor {@code Flux} (read by
 * interface name) included. The failed publisher is a chain whose every provider failed.
 */
public class ChainPublisherTckTest extends FlowPublisherVerification<Long> {

    /** Generous first-signal timeout: the pre-commit run starts on a worker thread, on 2 shared cores. */
    private static final long TIMEOUT_MILLIS = 1_000;
    private static final long NO_SIGNALS_MILLIS = 100;

    public ChainPublisherTckTest() {
        super(new TestEnvironment(TIMEOUT_MILLIS, NO_SIGNALS_MILLIS), TIMEOUT_MILLIS);
    }

    /** A 529, as both SDKs report an overloaded provider: the default predicate moves on from it. */
    static final class Overloaded extends RuntimeException implements HasStatusCode {
        private static final long serialVersionUID = 1L;

        Overloaded() {
            super("overloaded");
        }

        @Override
        public int statusCode() {
            return 529;
        }
    }

    @Override
    public Flow.Publisher<Long> createFlowPublisher(long elements) {
        return FallbackChain.<String, Long>builder()
                .publishingProvider("overloaded", prompt -> Flux.error(new Overloaded()))
                .publishingProvider("counting", prompt -> Flux.<Long, Long>generate(() -> 0L, (next, sink) -> {
                    if (next < elements) {
                        sink.next(next);
                    } else {
                        sink.complete();
                    }
                    return next + 1;
                }))
                .build().publish("prompt");
    }

    @Override
    public Flow.Publisher<Long> createFailedFlowPublisher() {
        return FallbackChain.<String, Long>builder()
                .publishingProvider("overloaded", prompt -> Flux.error(new Overloaded()))
                .publishingProvider("also overloaded", prompt -> Flux.error(new Overloaded()))
                .build().publish("prompt");
    }
}
