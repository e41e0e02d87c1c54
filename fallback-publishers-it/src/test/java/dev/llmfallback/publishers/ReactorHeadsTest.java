package dev.llmfallback.publishers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmfallback.Attempt;
import dev.llmfallback.Attempt.Outcome;
import dev.llmfallback.CommitPoint;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.LlmFallback;
import dev.llmfallback.StreamInterruptedException;
import dev.llmfallback.spring.LlmFallbackAdvisor;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.springframework.aop.framework.ProxyFactory;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Annotated heads declared to return Reactor's {@code Flux} and {@code Mono} and Reactive Streams'
 * {@code Publisher} (SPEC §13), recognised by name,
 * reached through the Spring AOP front door (a class-based {@link ProxyFactory} proxy carrying
 * {@link LlmFallbackAdvisor}, as the auto-proxy creator makes for beans; the agent and AspectJ doors share the
 * same weaving ABI). Each subscription to the head's answer runs the chain; real Reactor, real worker threads;
 * every wait is bounded.
 */
class ReactorHeadsTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    /** "pre:..." is preamble; anything else commits. */
    public static final class AfterPreamble implements CommitPoint {
        @Override
        public boolean commits(Object element) {
            return !element.toString().startsWith("pre:");
        }
    }

    /** Two providers of each shape; what each link answers is set by the test. */
    public static class Heads {
        volatile Flux<String> primary;
        volatile Flux<String> secondary = Flux.just("pre:role", "b1", "b2");
        volatile Mono<String> primaryMono;
        final AtomicInteger secondarySubscribed = new AtomicInteger();

        @LlmFallback(next = "secondaryFlux", provider = "primary", commitPoint = AfterPreamble.class)
        public Flux<String> primaryFlux(String prompt) {
            return primary;
        }

        @LlmFallback(provider = "secondary", commitPoint = AfterPreamble.class)
        public Flux<String> secondaryFlux(String prompt) {
            return secondary.doOnSubscribe(s -> secondarySubscribed.incrementAndGet());
        }

        @LlmFallback(next = "secondaryMono", provider = "primary")
        public Mono<String> primaryMono(String prompt) {
            return primaryMono;
        }

        @LlmFallback(next = "secondaryPublisher", provider = "primary", commitPoint = AfterPreamble.class)
        public Publisher<String> primaryPublisher(String prompt) {
            return primary;
        }

        @LlmFallback(provider = "secondary", commitPoint = AfterPreamble.class)
        public Publisher<String> secondaryPublisher(String prompt) {
            return secondary;
        }

        @LlmFallback(provider = "secondary")
        public Mono<String> secondaryMono(String prompt) {
            return Mono.just("from the secondary").doOnSubscribe(s -> secondarySubscribed.incrementAndGet());
        }
    }

    private static Heads proxied(Heads target) {
        ProxyFactory factory = new ProxyFactory(target);
        factory.setProxyTargetClass(true);
        factory.addAdvisor(new LlmFallbackAdvisor());
        return (Heads) factory.getProxy();
    }

    @Test
    public void fluxHead_errorBeforeTheFirstContent_fallsOver_onlyTheWinnersPreamble() {
        Heads target = new Heads();
        target.primary = Flux.concat(Flux.just("pre:message_start"), Flux.error(new ChainPublisherTckTest.Overloaded()));
        Flux<String> answer = proxied(target).primaryFlux("prompt");
        assertThat(FallbackTrace.of(answer)).as("cold: nothing ran yet").isSameAs(FallbackTrace.empty());

        List<String> received = answer.collectList().block(BOUND);

        assertThat(received).containsExactly("pre:role", "b1", "b2");
        assertThat(FallbackTrace.of(answer).attempts()).extracting(Attempt::provider, Attempt::outcome)
                .containsExactly(Tuple.tuple("primary", Outcome.FAILED), Tuple.tuple("secondary", Outcome.SUCCEEDED));
    }

    @Test
    public void fluxHead_errorAfterTheCommit_isStreamInterrupted_theSecondaryNeverSubscribed() {
        Heads target = new Heads();
        target.primary = Flux.concat(Flux.just("Hello", " wor"), Flux.error(new ChainPublisherTckTest.Overloaded()));
        List<String> received = new CopyOnWriteArrayList<>();

        Throwable thrown = catchThrowable(() -> proxied(target).primaryFlux("prompt").doOnNext(received::add)
                .blockLast(BOUND));

        assertThat(received).containsExactly("Hello", " wor");
        assertThat(thrown).isInstanceOf(StreamInterruptedException.class)
                .hasMessage("stream from primary interrupted after 2 elements: 529 overloaded");
        assertThat(target.secondarySubscribed).hasValue(0);
    }

    @Test
    public void fluxHead_demandIsRespected_theProviderIsAskedOnlyForWhatTheSubscriberWants() throws Exception {
        Heads target = new Heads();
        AtomicLong requested = new AtomicLong();
        target.primary = Flux.range(1, 1_000).map(i -> "t" + i).doOnRequest(requested::addAndGet);
        List<String> received = new CopyOnWriteArrayList<>();
        CountDownLatch three = new CountDownLatch(3);

        proxied(target).primaryFlux("prompt").subscribe(new BaseSubscriber<String>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                request(3);
            }

            @Override
            protected void hookOnNext(String element) {
                received.add(element);
                three.countDown();
            }
        });

        assertThat(three.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(received).containsExactly("t1", "t2", "t3");
        assertThat(requested).as("one element to the commit, then what the subscriber asked for").hasValue(3);
    }

    @Test
    public void fluxHead_cancellingTheAnswer_cancelsTheProvidersFlux() throws Exception {
        Heads target = new Heads();
        CountDownLatch cancelled = new CountDownLatch(1);
        target.primary = Flux.range(1, 1_000).map(i -> "t" + i).doOnCancel(cancelled::countDown);
        List<String> received = new CopyOnWriteArrayList<>();

        proxied(target).primaryFlux("prompt").subscribe(new BaseSubscriber<String>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                request(1);
            }

            @Override
            protected void hookOnNext(String element) {
                received.add(element);
                cancel();
            }
        });

        assertThat(cancelled.await(10, TimeUnit.SECONDS)).as("the upstream Flux was cancelled").isTrue();
        assertThat(received).containsExactly("t1");
        assertThat(target.secondarySubscribed).hasValue(0);
    }

    @Test
    public void monoHead_errorBeforeItsValue_fallsOverToTheNextMono() {
        Heads target = new Heads();
        target.primaryMono = Mono.error(new ChainPublisherTckTest.Overloaded());
        Mono<String> answer = proxied(target).primaryMono("prompt");

        assertThat(answer.block(BOUND)).isEqualTo("from the secondary");
        assertThat(FallbackTrace.of(answer).attempts()).extracting(Attempt::outcome)
                .containsExactly(Outcome.FAILED, Outcome.SUCCEEDED);
    }

    @Test
    public void reactiveStreamsPublisherHead_errorBeforeTheFirstContent_fallsOver() {
        Heads target = new Heads();
        target.primary = Flux.concat(Flux.just("pre:message_start"), Flux.error(new ChainPublisherTckTest.Overloaded()));
        Publisher<String> answer = proxied(target).primaryPublisher("prompt");
        assertThat(answer).as("the adapters' Publisher, not a Flux").isNotInstanceOf(Flux.class);

        assertThat(Flux.from(answer).collectList().block(BOUND)).containsExactly("pre:role", "b1", "b2");
        assertThat(FallbackTrace.of(answer).attempts()).extracting(Attempt::outcome)
                .containsExactly(Outcome.FAILED, Outcome.SUCCEEDED);
    }

    @Test
    public void aDroppedAnswer_keepsNeitherItselfNorItsPromptReachable() throws Exception {
        Heads target = new Heads();
        target.primary = Flux.just("t1");
        Heads heads = proxied(target);
        List<WeakReference<Object>> refs = answerAndPrompt(heads);

        for (int i = 0; i < 200 && (refs.get(0).get() != null || refs.get(1).get() != null); i++) {
            System.gc();
            Thread.sleep(5);
        }

        assertThat(refs.get(0).get()).as("the answer").isNull();
        assertThat(refs.get(1).get()).as("the prompt its chain publisher holds").isNull();
    }

    private static List<WeakReference<Object>> answerAndPrompt(Heads heads) {
        String prompt = new String("a prompt only this answer holds");
        Flux<String> answer = heads.primaryFlux(prompt);
        assertThat(answer.collectList().block(BOUND)).containsExactly("t1");
        assertThat(FallbackTrace.of(answer).attempts()).hasSize(1);
        return List.of(new WeakReference<>(answer), new WeakReference<>(prompt));
    }
}
