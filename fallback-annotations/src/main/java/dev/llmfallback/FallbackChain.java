package dev.llmfallback;

import dev.llmfallback.internal.health.LinkHealths;
import dev.llmfallback.internal.run.Chain;
import dev.llmfallback.internal.run.Engine;
import dev.llmfallback.internal.run.Link;
import dev.llmfallback.internal.run.Scheduler;
import dev.llmfallback.internal.run.Workers;
import dev.llmfallback.internal.stream.StreamingRuns;
import dev.llmfallback.internal.stream.publish.PublishingRuns;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A fallback chain built in code: providers tried in order, with the same engine and the same rules as
 * annotated chains (see the <a href="package-summary.html#rules">package documentation</a>).
 *
 * <pre>{@code
 * FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
 *         .provider("anthropic", this::callAnthropic)
 *         .provider("openai", this::callOpenAi)
 *         .build();
 * String answer = chain.run(prompt);
 * }</pre>
 *
 * <p>Providers may be sync ({@link LlmProvider}) or async (a function returning a {@link CompletionStage}),
 * mixed freely. {@link #run} waits for async providers; {@link #runAsync} runs sync providers on worker
 * threads and never blocks the caller. A per-provider timeout and a chain deadline bound how long a
 * hanging provider can cost (see {@link LlmFallback#timeout()} and {@link LlmFallback#deadline()}).
 *
 * <p>Immutable, reusable and thread-safe: a chain keeps no per-call state, so calls never see each
 * other's attempts. {@link FallbackTrace#current()} tells what the last {@link #run} on a thread did;
 * {@link FallbackTrace#of(CompletionStage)} what a {@link #runAsync} did.
 *
 * <p><b>Streaming</b> (SPEC §13). A chain built of {@linkplain Builder#streamingProvider streaming providers}
 * is run with {@link #stream}, not {@code run}: {@code O} is then the type of the stream's elements.
 *
 * <pre>{@code
 * FallbackChain<String, String> tokens = FallbackChain.<String, String>builder()
 *         .streamingProvider("anthropic", this::streamAnthropic)
 *         .streamingProvider("openai", this::streamOpenAi)
 *         .build();
 * try (Stream<String> answer = tokens.stream(prompt)) {
 *     answer.forEach(out::print);
 * }
 * }</pre>
 *
 * <p>A chain built of {@linkplain Builder#publishingProvider publishing providers} (answering with a
 * {@link Flow.Publisher}, a Reactive Streams {@code Publisher}, a Reactor {@code Flux} or {@code Mono}) is run
 * with {@link #publish}, which answers with a {@link Flow.Publisher} under the same contract.
 *
 * @param <I> the input every provider receives, for example a prompt
 * @param <O> the answer
 */
public final class FallbackChain<I, O> {

    private final Chain chain;
    private final boolean streaming;
    private final boolean publishing;
    private final long idleNanos;

    private FallbackChain(Chain chain, boolean streaming, boolean publishing, long idleNanos) {
        this.chain = chain;
        this.streaming = streaming;
        this.publishing = publishing;
        this.idleNanos = idleNanos;
    }

    /**
     * Starts a chain.
     *
     * @param <I> the input type
     * @param <O> the answer type
     * @return a new builder
     */
    public static <I, O> Builder<I, O> builder() {
        return new Builder<>();
    }

    /**
     * Runs the chain with {@code input} on the calling thread.
     *
     * <p>Returns the first provider's answer that succeeded. When the chain stops on a failure its
     * predicate does not move on from, or on an {@link Error} or an interruption, that failure is thrown
     * unchanged: checked exceptions as they are (declared here as {@code Exception}), unchecked ones and
     * errors as they are. When every provider failed with a failure that moved on,
     * {@link AllProvidersFailedException} is thrown.
     *
     * @param input passed to every provider; never appears in a message or trace
     * @return the answer ({@code null} if the provider that answered returned {@code null})
     * @throws Exception the failure that stopped the chain, unchanged
     * @throws AllProvidersFailedException when every provider failed
     */
    @SuppressWarnings("unchecked")
    public O run(I input) throws Exception {
        try {
            return (O) Engine.run(blockingChain(), input, null);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable other) {
            // Neither Exception nor Error: only a provider that throws sneakily gets here; let it out as is.
            throw FallbackChain.<RuntimeException>sneaky(other);
        }
    }

    /*
     * The chain, for run: kept out of run itself so that run stays within C2's 35-byte inlining limit for
     * call sites it does not yet know to be hot (MaxInlineSize); a run that is not inlined costs every call a
     * few nanoseconds (BENCHMARKS.md, engine redesign).
     */
    private Chain blockingChain() {
        if (streaming) {
            throw wrongKind("run");
        }
        return chain;
    }

    /**
     * Runs the chain without blocking the calling thread (SPEC §7).
     *
     * <p>The future completes with the first answer, or exceptionally with the failure that stopped the
     * chain (unchanged) or {@link AllProvidersFailedException}; this method itself never throws for a
     * provider's failure. Cancelling the future cancels the attempt in flight and starts no other.
     * {@link FallbackTrace#of(CompletionStage)} gives the chain's trace; the calling thread's
     * {@link FallbackTrace#current()} is left alone.
     *
     * @param input passed to every provider
     * @return a future of the answer
     */
    @SuppressWarnings("unchecked")
    public CompletableFuture<O> runAsync(I input) {
        if (streaming) {
            throw wrongKind("runAsync");
        }
        return (CompletableFuture<O>) (CompletableFuture<?>) Engine.runAsync(chain, input, null);
    }

    /**
     * Runs a chain of streaming providers with {@code input} (SPEC §13), on the calling thread, up to the
     * commit point, and returns the committed provider's stream.
     *
     * <p>Providers are opened in order. Each provider's stream is read until its
     * {@linkplain CommitPoint commit point}, the first element that carries model output; the elements before
     * it (its preamble) are held back. A failure before that, thrown when the provider is called or when an
     * element is pulled, is judged by the provider's predicate exactly as {@link #run} judges a failure: the
     * chain moves on to the next provider's stream (the failed one is closed, and its preamble is never
     * emitted), or stops and throws here, as {@code run} does. A provider's timeout bounds its time to the
     * commit point (the chain's deadline bounds the whole search for one); when it runs out the stream is
     * abandoned (closed) and the chain moves on. As with {@code run}, a provider with a timeout is called and
     * read to its commit point on a worker thread, the others on the calling thread. A commit point that
     * throws fails its attempt like the provider's own failure. A stream that ends before any element commits
     * is an answer too.
     *
     * <p>The returned stream starts with the committed provider's preamble, verbatim, then the rest of its
     * elements, read on demand by the caller's thread. A failure of the provider from there on ends the
     * stream with {@link StreamInterruptedException}: the chain never replaces a part-delivered answer.
     * Closing the returned stream (try-with-resources) closes the provider's; it is also closed as soon as it
     * ends or fails. Every stream the chain abandoned is closed before this method returns or throws.
     *
     * <p>The trace: {@link FallbackTrace#current()} on this thread once this method returned or threw (as
     * after {@code run}), and {@link FallbackTrace#of(Stream)} on the returned stream; the committed attempt
     * is {@link Attempt.Outcome#SUCCEEDED SUCCEEDED}, its duration the time to the commit point.
     *
     * @param input passed to every provider; never appears in a message or trace
     * @return the committed provider's elements, not yet read past the commit point
     * @throws Exception the failure that stopped the chain before a commit, unchanged
     * @throws AllProvidersFailedException when every provider failed before its commit point
     * @throws IllegalStateException if this chain's providers are not streaming
     */
    public Stream<O> stream(I input) throws Exception {
        if (!streaming || publishing) {
            throw wrongKind("stream");
        }
        try {
            return StreamingRuns.stream(chain, input, idleNanos);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable other) {
            throw FallbackChain.<RuntimeException>sneaky(other);
        }
    }

    /**
     * Answers with a publisher that runs a chain of publishing providers with {@code input} (SPEC §13) for
     * each subscriber: the contract of {@link #stream}, for publishers.
     *
     * <p>Nothing runs before a subscription; each subscription runs the chain once (a cold publisher, like
     * the ones LLM clients return). Providers are tried in order, on the chain's worker threads: each one's
     * publisher is subscribed to and read one element at a time up to its {@linkplain CommitPoint commit
     * point}, whatever the subscriber requested, its preamble held back. A failure before that — thrown by the
     * provider, or signalled with {@code onError} — is judged by the provider's predicate as {@link #run}
     * judges one: the chain moves on to the next provider's publisher (the abandoned subscription is
     * cancelled, its preamble never emitted), or the subscriber receives that failure with {@code onError},
     * unchanged, as it does {@link AllProvidersFailedException} when every provider failed. A provider's
     * timeout bounds its time to the commit point; the chain's deadline the whole search.
     *
     * <p>From the commit on, the subscriber receives the committed provider's preamble, verbatim, then the
     * rest of its elements, and demand is respected: the committed publisher is asked for exactly what the
     * subscriber requested beyond the preamble, so nothing is buffered but the preamble. A failure of the
     * provider from there on ends the subscription with {@link StreamInterruptedException} (an {@link Error}
     * passes unchanged), as does a stall longer than the {@linkplain Builder#idleTimeout idle timeout} (the
     * time the subscriber spends in {@code onNext} does not count). Cancelling the subscription stops the run
     * before the commit (the attempt in flight is cancelled) and cancels the committed publisher after it.
     * Signals come on the chain's worker threads or the committed publisher's, and after a timeout on the
     * threads where the chain goes on from one; never on its timer thread.
     *
     * <p>{@link FallbackTrace#of(Flow.Publisher)} on the returned publisher gives the trace of its latest
     * subscription's run once that run committed or failed. With Reactor, {@code
     * JdkFlowAdapter.flowPublisherToFlux(chain.publish(input))} makes a {@code Flux} of it.
     *
     * @param input passed to every provider; never appears in a message or trace
     * @return a publisher of the committed provider's elements
     * @throws IllegalStateException if this chain's providers are not publishing providers
     */
    public Flow.Publisher<O> publish(I input) {
        if (!publishing) {
            throw wrongKind("publish");
        }
        @SuppressWarnings("unchecked")
        Flow.Publisher<O> answer = PublishingRuns.publish(chain, input, idleNanos, Flow.Publisher.class);
        return answer;
    }

    // Kept out of run and runAsync, whose hot path is then one field test.
    private IllegalStateException wrongKind(String method) {
        return new IllegalStateException(this + "." + method + "(input): this chain's providers are "
                + (publishing ? "publishing providers: call publish(input)"
                : streaming ? "streaming providers: call stream(input)"
                : "not streaming providers: call run(input) or runAsync(input), or build the chain with "
                + "streamingProvider(...) or publishingProvider(...)"));
    }

    /**
     * The provider names, in order.
     *
     * @return an unmodifiable list
     */
    public List<String> names() {
        return chain.providers();
    }

    @Override
    public String toString() {
        return "FallbackChain" + names();
    }

    /**
     * Builds a {@link FallbackChain}. Not thread-safe; {@link #build()} may be called more than once and
     * each chain is independent of later changes to the builder.
     *
     * @param <I> the input type
     * @param <O> the answer type
     */
    public static final class Builder<I, O> {
        private final List<String> names = new ArrayList<>();
        private final List<Object> providers = new ArrayList<>();
        private final List<SkipPredicate> ownPredicates = new ArrayList<>();
        private final List<Boolean> async = new ArrayList<>();
        private final List<Duration> timeouts = new ArrayList<>();
        /** Per provider: its commit point for a streaming provider, {@code null} for any other. */
        private final List<CommitPoint> commitPoints = new ArrayList<>();
        private SkipPredicate defaultPredicate = RetryableOnly.INSTANCE;
        private Duration deadline;
        private Duration idleTimeout;
        private Scheduler scheduler = Workers.SYSTEM;
        private HealthPolicy defaultHealth = NoCooldown.INSTANCE;
        private final Map<String, HealthPolicy> ownHealth = new HashMap<>();
        private ProviderHealth health = ProviderHealth.shared();
        private String name;
        private final List<FallbackListener<?>> listeners = new ArrayList<>();

        private Builder() {
        }

        /**
         * Names the chain for listeners, metrics and traces (SPEC §11). Default: the first provider's name.
         * Keep it a constant label: metrics use it as a tag value.
         *
         * @param chainName not blank
         * @return this builder
         */
        public Builder<I, O> name(String chainName) {
            Objects.requireNonNull(chainName, "chainName");
            if (chainName.isBlank()) {
                throw new IllegalArgumentException("FallbackChain.Builder.name: the chain's name must not be blank");
            }
            this.name = chainName;
            return this;
        }

        /**
         * Adds a listener that sees this chain's calls, before the process-wide ones (see
         * {@link FallbackListener} for what it sees and when).
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder<I, O> listener(FallbackListener<?> listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Adds a provider judged by the chain's predicate ({@link #skipOn(SkipPredicate)}).
         *
         * @param name     a label for traces and messages; not blank
         * @param provider the provider
         * @return this builder
         */
        public Builder<I, O> provider(String name, LlmProvider<? super I, ? extends O> provider) {
            return add(name, provider, false, null, null);
        }

        /**
         * Adds a provider with its own attempt timeout: when it expires the attempt is cancelled, recorded
         * {@link Attempt.Outcome#TIMED_OUT TIMED_OUT}, and the chain moves on.
         *
         * @param name     a label for traces and messages; not blank
         * @param provider the provider
         * @param timeout  the longest one attempt may take; positive
         * @return this builder
         */
        public Builder<I, O> provider(String name, LlmProvider<? super I, ? extends O> provider, Duration timeout) {
            return add(name, provider, false, null, positive(timeout, "timeout"));
        }

        /**
         * Adds a provider with its own predicate and attempt timeout.
         *
         * @param name     a label for traces and messages; not blank
         * @param provider the provider
         * @param skipOn   decides, for this provider's failures, whether the chain moves on; {@code null} for
         *                 the chain's
         * @param timeout  the longest one attempt may take (as for {@link #provider(String, LlmProvider, Duration)}),
         *                 or {@code null} for none
         * @return this builder
         */
        public Builder<I, O> provider(String name, LlmProvider<? super I, ? extends O> provider, SkipPredicate skipOn,
                Duration timeout) {
            return add(name, provider, false, skipOn, timeout == null ? null : positive(timeout, "timeout"));
        }

        /**
         * Adds an async provider, judged by the chain's predicate: its failure is thrown by the function or
         * the exceptional completion of the stage it returns.
         *
         * @param name     a label for traces and messages; not blank
         * @param provider returns the answer's stage; never {@code null}
         * @return this builder
         */
        public Builder<I, O> asyncProvider(String name,
                Function<? super I, ? extends CompletionStage<? extends O>> provider) {
            return add(name, provider, true, null, null);
        }

        /**
         * Adds an async provider with its own predicate and attempt timeout.
         *
         * @param name     a label for traces and messages; not blank
         * @param provider returns the answer's stage; never {@code null}
         * @param skipOn   decides, for this provider's failures, whether the chain moves on; {@code null} for
         *                 the chain's
         * @param timeout  the longest one attempt may take, or {@code null} for none
         * @return this builder
         */
        public Builder<I, O> asyncProvider(String name,
                Function<? super I, ? extends CompletionStage<? extends O>> provider, SkipPredicate skipOn,
                Duration timeout) {
            return add(name, provider, true, skipOn, timeout == null ? null : positive(timeout, "timeout"));
        }

        /**
         * Adds a streaming provider (see {@link FallbackChain#stream}), judged by the chain's predicate and
         * committed to at its first element carrying model output ({@link CommitPoint#modelOutput()}). A chain
         * is made of streaming providers only, or of none.
         *
         * @param name     a label for traces and messages; not blank
         * @param provider opens the provider's stream
         * @return this builder
         */
        public Builder<I, O> streamingProvider(String name, StreamingProvider<? super I, ? extends O> provider) {
            return streamingProvider(name, provider, null, null, null);
        }

        /**
         * Adds a streaming provider with its own predicate, commit point and time to commit.
         *
         * @param name     a label for traces and messages; not blank
         * @param provider opens the provider's stream
         * @param skipOn   decides, for this provider's failures before its commit point, whether the chain
         *                 moves on; {@code null} for the chain's
         * @param commitAt where this provider's answer commits the chain; {@code null} for
         *                 {@link CommitPoint#modelOutput()}
         * @param timeout  the longest the provider may take to reach its commit point (a first-token timeout;
         *                 it does not bound the stream after the commit), or {@code null} for none
         * @return this builder
         */
        public Builder<I, O> streamingProvider(String name, StreamingProvider<? super I, ? extends O> provider,
                SkipPredicate skipOn, CommitPoint commitAt, Duration timeout) {
            return streaming(name, provider, skipOn, commitAt, timeout);
        }

        /**
         * Adds a publishing provider (see {@link FallbackChain#publish}), judged by the chain's predicate and
         * committed to at its first element carrying model output ({@link CommitPoint#modelOutput()}). A chain
         * is made of publishing providers only, of streaming providers only, or of neither.
         *
         * @param name     the provider's label
         * @param provider answers with the provider's publisher
         * @return this builder
         */
        public Builder<I, O> publishingProvider(String name, PublishingProvider<? super I> provider) {
            return publishingProvider(name, provider, null, null, null);
        }

        /**
         * Adds a publishing provider with its own predicate, commit point and time to commit.
         *
         * @param name     the provider's label
         * @param provider answers with the provider's publisher
         * @param skipOn   decides, for this provider's failures before its commit point, whether the chain
         *                 moves on; {@code null} for the chain's predicate
         * @param commitAt where this provider's answer commits the chain; {@code null} for
         *                 {@link CommitPoint#modelOutput()}
         * @param timeout  the longest the provider may take to reach its commit point (a first-token timeout;
         *                 it does not bound the publisher after the commit), or {@code null} for none
         * @return this builder
         */
        public Builder<I, O> publishingProvider(String name, PublishingProvider<? super I> provider,
                SkipPredicate skipOn, CommitPoint commitAt, Duration timeout) {
            return streaming(name, provider, skipOn, commitAt, timeout);
        }

        /**
         * Bounds a stall after the commit point, for a chain of streaming or publishing providers: when the
         * committed provider gives no element for this long while one is wanted (the caller pulls, or the
         * subscriber's demand is outstanding), its stream is closed or its subscription cancelled and the
         * caller gets a {@link StreamInterruptedException} whose cause is a
         * {@link java.util.concurrent.TimeoutException}. Without it, a stall after the commit is unbounded
         * (the providers' timeouts bound only the time to commit).
         *
         * @param idleTimeout the longest wait for an element after the commit; positive
         * @return this builder
         */
        public Builder<I, O> idleTimeout(Duration idleTimeout) {
            this.idleTimeout = positive(idleTimeout, "idleTimeout");
            return this;
        }

        private Builder<I, O> streaming(String name, Object provider, SkipPredicate skipOn, CommitPoint commitAt,
                Duration timeout) {
            add(name, provider, false, skipOn, timeout == null ? null : positive(timeout, "timeout"));
            commitPoints.set(commitPoints.size() - 1, commitAt != null ? commitAt : CommitPoint.modelOutput());
            return this;
        }

        /**
         * Sets the whole chain's budget: each attempt's effective timeout is the smaller of its own and what
         * is left; when nothing is left the chain ends with {@link AllProvidersFailedException}, the
         * remaining providers recorded {@link Attempt.Outcome#NOT_TRIED NOT_TRIED}.
         *
         * @param deadline positive
         * @return this builder
         */
        public Builder<I, O> deadline(Duration deadline) {
            this.deadline = positive(deadline, "deadline");
            return this;
        }

        /**
         * Adds a provider whose failures are judged by its own predicate.
         *
         * @param name     a label for traces and messages; not blank
         * @param provider the provider
         * @param skipOn   decides, for this provider's failures, whether the chain moves on
         * @return this builder
         */
        public Builder<I, O> provider(String name, LlmProvider<? super I, ? extends O> provider, SkipPredicate skipOn) {
            return add(name, provider, false, Objects.requireNonNull(skipOn, "skipOn"), null);
        }

        /**
         * Sets the predicate for providers added without one of their own. Default {@link RetryableOnly}.
         *
         * @param skipOn the predicate
         * @return this builder
         */
        public Builder<I, O> skipOn(SkipPredicate skipOn) {
            this.defaultPredicate = Objects.requireNonNull(skipOn, "skipOn");
            return this;
        }

        /**
         * Sets the health policy of providers without one of their own (SPEC §9): how their failures cool
         * them, in {@link ProviderHealth#shared()}, by provider name. Default {@link NoCooldown}.
         *
         * @param policy e.g. {@link OutageCooldown#INSTANCE}
         * @return this builder
         */
        public Builder<I, O> health(HealthPolicy policy) {
            this.defaultHealth = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets one provider's health policy, whatever {@link #health(HealthPolicy)} says.
         *
         * @param provider the provider's name, as given to {@code provider(...)} (before or after this call)
         * @param policy   its policy
         * @return this builder
         */
        public Builder<I, O> health(String provider, HealthPolicy policy) {
            ownHealth.put(Objects.requireNonNull(provider, "provider"), Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /** Where provider health lives: a registry on a fake clock in tests; not API yet. */
        Builder<I, O> healthRegistry(ProviderHealth registry) {
            this.health = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** Time and threads: a fake clock in tests of time-dependent rules; not API yet. */
        Builder<I, O> scheduler(Scheduler testScheduler) {
            this.scheduler = Objects.requireNonNull(testScheduler, "scheduler");
            return this;
        }

        private static Duration positive(Duration duration, String what) {
            Objects.requireNonNull(duration, what);
            if (duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException("FallbackChain " + what + " must be positive, was " + duration);
            }
            return duration;
        }

        private Builder<I, O> add(String name, Object provider, boolean isAsync, SkipPredicate skipOn, Duration timeout) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(provider, "provider");
            if (name.isBlank()) {
                throw new IllegalArgumentException("FallbackChain provider #" + names.size()
                        + " has a blank name: give every provider a label for traces");
            }
            names.add(name);
            providers.add(provider);
            ownPredicates.add(skipOn);
            async.add(isAsync);
            timeouts.add(timeout);
            commitPoints.add(null);
            return this;
        }

        /**
         * Builds the chain.
         *
         * @return an immutable chain
         * @throws IllegalArgumentException if no provider was added
         */
        public FallbackChain<I, O> build() {
            if (providers.isEmpty()) {
                throw new IllegalArgumentException("FallbackChain needs at least one provider: call "
                        + "provider(name, provider) before build()");
            }
            for (String named : ownHealth.keySet()) {
                if (!names.contains(named)) {
                    throw new IllegalArgumentException("FallbackChain health(\"" + named + "\", ...) names no provider; "
                            + "the providers are " + names);
                }
            }
            long streamingCount = commitPoints.stream().filter(Objects::nonNull).count();
            if (streamingCount != 0 && streamingCount != names.size()) {
                throw new IllegalArgumentException("FallbackChain mixes streaming and other providers " + names
                        + ": a chain is run either with stream(input) or publish(input), or with run(input); build one chain of each");
            }
            long publishingCount = providers.stream().filter(PublishingProvider.class::isInstance).count();
            if (publishingCount != 0 && publishingCount != names.size()) {
                throw new IllegalArgumentException("FallbackChain mixes publishing and streaming providers " + names
                        + ": a chain is run either with publish(input) or with stream(input); build one chain of each");
            }
            if (idleTimeout != null && streamingCount == 0) {
                throw new IllegalArgumentException("FallbackChain idleTimeout(...) bounds a stream after its commit "
                        + "point: add streaming or publishing providers, or drop the idle timeout");
            }
            List<Link> links = new ArrayList<>(names.size());
            for (int i = 0; i < names.size(); i++) {
                SkipPredicate own = ownPredicates.get(i);
                Duration timeout = timeouts.get(i);
                links.add(new Link(names.get(i), names.get(i), own != null ? own : defaultPredicate,
                        timeout == null ? 0 : timeout.toNanos(), async.get(i), commitPoints.get(i) != null
                                ? StreamingRuns.invoker(i, names.get(i), streamOf(names.get(i), providers.get(i)),
                                        commitPoints.get(i))
                                : invoker(providers.get(i), async.get(i)),
                        LinkHealths.of(ownHealth.getOrDefault(names.get(i), defaultHealth), names.get(i),
                                health.registry())));
            }
            return new FallbackChain<>(new Chain(links, deadline == null ? 0 : deadline.toNanos(), false, scheduler,
                    name, listeners), streamingCount != 0, publishingCount != 0,
                    idleTimeout == null ? 0 : idleTimeout.toNanos());
        }

        /** A publishing provider's publisher is read, up to its commit point, as a stream. */
        @SuppressWarnings("unchecked")
        private static StreamingProvider<?, ?> streamOf(String name, Object provider) {
            if (provider instanceof PublishingProvider) {
                PublishingProvider<Object> publishing = (PublishingProvider<Object>) provider;
                return input -> PublishingRuns.pull(publishing.open(input), name);
            }
            return (StreamingProvider<?, ?>) provider;
        }

        /** The input travels as the engine's target. */
        @SuppressWarnings("unchecked")
        private static <I, O> Link.Invoker invoker(Object provider, boolean isAsync) {
            if (isAsync) {
                Function<? super I, ? extends CompletionStage<? extends O>> function =
                        (Function<? super I, ? extends CompletionStage<? extends O>>) provider;
                return (input, args, previous, thread) -> function.apply((I) input);
            }
            LlmProvider<? super I, ? extends O> sync = (LlmProvider<? super I, ? extends O>) provider;
            return (input, args, previous, thread) -> sync.call((I) input);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
