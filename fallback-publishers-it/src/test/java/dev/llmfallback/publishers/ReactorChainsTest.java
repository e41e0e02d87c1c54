package dev.llmfallback.publishers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmfallback.Attempt;
import dev.llmfallback.Attempt.Outcome;
import dev.llmfallback.CommitPoint;
import dev.llmfallback.FallbackChain;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.RetryableOnly;
import dev.llmfallback.StreamInterruptedException;
import dev.llmfallback.internal.run.Chain;
import dev.llmfallback.internal.run.Link;
import dev.llmfallback.internal.run.Workers;
import dev.llmfallback.internal.stream.StreamingRuns;
import dev.llmfallback.internal.stream.publish.PublishingRuns;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reactor {@code Flux} and {@code Mono} providers, which the library reads by interface name
 * ({@code org.reactivestreams.Publisher}) with no dependency on Reactor, and the shapes a front door that
 * declares a {@code Flux}, a {@code Mono} or a Reactive Streams {@code Publisher} answers with
 * ({@link PublishingRuns#publish}). Real Reactor, real worker threads; {@code block} waits with a bound.
 */
class ReactorChainsTest {

    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final CommitPoint AFTER_PREAMBLE = element -> !element.toString().startsWith("pre:");

    private static Flux<String> chainFlux(FallbackChain<String, String> chain) {
        return JdkFlowAdapter.flowPublisherToFlux(chain.publish("prompt"));
    }

    @Test
    public void fluxFailingBeforeContent_fallsOverToAMono_itsPreambleNeverEmitted() {
        Flux<String> overloadedAfterPreamble = Flux.concat(Flux.just("pre:message_start"),
                Flux.error(new ChainPublisherTckTest.Overloaded()));
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                .publishingProvider("anthropic", p -> overloadedAfterPreamble, null, AFTER_PREAMBLE, null)
                .publishingProvider("openai", p -> Mono.just("the answer"))
                .build();

        Flow.Publisher<String> answer = chain.publish("prompt");
        List<String> received = JdkFlowAdapter.flowPublisherToFlux(answer).collectList().block(BOUND);

        assertThat(received).containsExactly("the answer");
        assertThat(FallbackTrace.of(answer).attempts()).extracting(Attempt::provider, Attempt::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("anthropic", Outcome.FAILED),
                        org.assertj.core.groups.Tuple.tuple("openai", Outcome.SUCCEEDED));
        assertThat(FallbackTrace.of(answer).summary(0)).hasValue("529 overloaded");
    }

    @Test
    public void fluxFailingAfterContent_isStreamInterrupted() {
        Flux<String> cut = Flux.concat(Flux.just("Hello", " wor"), Flux.error(new ChainPublisherTckTest.Overloaded()));
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                .publishingProvider("anthropic", p -> cut)
                .publishingProvider("openai", p -> Flux.just("never"))
                .build();
        List<String> received = new CopyOnWriteArrayList<>();

        Throwable thrown = catchThrowable(() -> chainFlux(chain).doOnNext(received::add).blockLast(BOUND));

        assertThat(received).containsExactly("Hello", " wor");
        assertThat(thrown).isInstanceOf(StreamInterruptedException.class)
                .hasMessage("stream from anthropic interrupted after 2 elements: 529 overloaded");
    }

    @Test
    public void demandIsPassedOn_andCancellingTheChainsFluxCancelsTheProvidersFlux() throws Exception {
        List<Long> requests = new CopyOnWriteArrayList<>();
        CountDownLatch cancelled = new CountDownLatch(1);
        Flux<String> endless = Flux.<String>generate(sink -> sink.next("token"))
                .doOnRequest(requests::add).doOnCancel(cancelled::countDown);
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                .publishingProvider("anthropic", p -> endless).build();
        List<String> received = new CopyOnWriteArrayList<>();
        CountDownLatch three = new CountDownLatch(3);

        chainFlux(chain).subscribe(new BaseSubscriber<String>() {
            @Override
            protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
                request(1);
            }

            @Override
            protected void hookOnNext(String value) {
                received.add(value);
                three.countDown();
                if (received.size() < 3) {
                    request(1);
                } else {
                    cancel();
                }
            }
        });

        assertThat(three.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(cancelled.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(received).hasSize(3);
        assertThat(requests).as("one element per request to the commit, then what the subscriber asked")
                .containsExactly(1L, 1L, 1L);
    }

    @Test
    public void fluxSilentPastItsTimeToCommit_isCancelled_andTheNextProviderAnswers() throws Exception {
        // The timeout rule itself is tested on a fake clock (PublishingChainTest); this is Reactor's cancellation.
        CountDownLatch cancelled = new CountDownLatch(1);
        Flux<String> silent = Flux.<String>never().doOnCancel(cancelled::countDown);
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                .publishingProvider("anthropic", p -> silent, null, null, Duration.ofMillis(200))
                .publishingProvider("openai", p -> Flux.just("the answer"))
                .build();

        assertThat(chainFlux(chain).collectList().block(BOUND)).containsExactly("the answer");
        assertThat(cancelled.await(10, TimeUnit.SECONDS)).as("the abandoned Flux was cancelled").isTrue();
    }

    @Test
    public void frontDoorShapes_answerAsTheDeclaredType() {
        Chain chain = chainOf(p -> Flux.just("pre:start", "a", "b"));

        @SuppressWarnings("unchecked")
        Flux<String> flux = PublishingRuns.publish(chain, "prompt", 0, Flux.class);
        @SuppressWarnings("unchecked")
        Mono<String> mono = PublishingRuns.publish(chain, "prompt", 0, Mono.class);
        @SuppressWarnings("unchecked")
        Publisher<String> reactiveStreams = PublishingRuns.publish(chain, "prompt", 0, Publisher.class);

        assertThat(flux.collectList().block(BOUND)).containsExactly("pre:start", "a", "b");
        assertThat(FallbackTrace.of(flux).succeeded()).isTrue();
        assertThat(mono.block(BOUND)).isEqualTo("pre:start");
        assertThat(Flux.from(reactiveStreams).collectList().block(BOUND)).containsExactly("pre:start", "a", "b");
        assertThat(FallbackTrace.of(reactiveStreams).attempts()).hasSize(1);
        assertThat(PublishingRuns.supports(Flux.class)).isTrue();
        assertThat(PublishingRuns.supports(Mono.class)).isTrue();
        assertThat(PublishingRuns.supports(Publisher.class)).isTrue();
        assertThat(PublishingRuns.supports(Flow.Publisher.class)).isTrue();
        assertThat(PublishingRuns.supports(List.class)).isFalse();
        assertThat(PublishingRuns.isPublisher(Mono.empty())).isTrue();
        assertThat(PublishingRuns.isPublisher("text")).isFalse();
    }

    /** A chain as a front door builds one: links opening streams pulled from what the provider answers. */
    private static Chain chainOf(Function<Object, Object> provider) {
        Link link = new Link("anthropic", "anthropic", RetryableOnly.INSTANCE, 0, false,
                StreamingRuns.invoker(0, "anthropic", input -> PublishingRuns.pull(provider.apply(input), "anthropic"),
                        CommitPoint.modelOutput()),
                null);
        return new Chain(List.of(link), 0, false, Workers.SYSTEM);
    }
}
