package dev.llmfallback;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a link of a fallback chain: when it fails with a failure that {@link #skipOn()} says to
 * move on from, the sibling method named by {@link #next()} runs with the same arguments.
 *
 * <p>The annotation does nothing by itself: a front door of {@code fallback-weaver} (the Byte Buddy agent,
 * or the AspectJ aspect by compile-time or load-time weaving) intercepts the method's execution and runs
 * the chain. The method that user code called is the head; its chain is the head, {@code head.next},
 * {@code head.next.next}, and so on. See the <a href="package-summary.html#rules">package documentation</a>
 * for how a chain runs.
 *
 * <p>Sibling rules, checked once when the chain is first resolved (a violation is a
 * {@link FallbackConfigurationException} on every call): the sibling is declared in the head's class or
 * inherited by it (from a superclass, or a default method of an interface that no class of the hierarchy
 * overrides); it takes the head's parameter types in the same order, optionally followed by one
 * trailing parameter declared {@code Throwable} or {@code Exception} that receives the previous link's
 * failure; its return type is assignable to the head's (generics included); it is static exactly when
 * the head is; any visibility works. A method without this annotation may be the last link.
 *
 * <p><b>Streaming</b> (SPEC §13). A head declared to return {@code java.util.stream.Stream<T>}, or an
 * {@code AutoCloseable} interface with a public no-arg {@code stream()} (the SDKs' {@code StreamResponse<T>}
 * from {@code createStreaming}), heads a streaming chain, run as {@link FallbackChain#stream} runs one: each
 * link's stream is read up to its {@link #commitPoint()}, and the chain falls over only before it; the
 * winner's preamble is re-emitted verbatim; {@link #timeout()} bounds the time to the commit; after it a
 * failure is a {@link StreamInterruptedException}; every abandoned stream is closed. The caller gets a
 * {@code Stream} (with {@link FallbackTrace#of(java.util.stream.Stream)}), or an object of the declared
 * interface whose {@code stream()} is the committed stream and whose {@code close()} closes the winner.
 * Every link of a streaming chain must stream, and only such links may set {@link #commitPoint()}.
 *
 * <p>Put the annotation on a method with a body: on an abstract or interface method it cannot work, since
 * only executions are intercepted and implementing methods do not inherit method annotations. Such a
 * method is a misconfiguration, which a front door that checks a class when it loads it reports.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LlmFallback {

    /**
     * The name of the sibling method to try when this one fails with a failure that {@link #skipOn()}
     * moves on from. Where the name is overloaded, the overload whose parameter types equal the head's
     * is meant. Empty: this method is the last link of its chain.
     *
     * @return the next method's name, or {@code ""}
     */
    String next() default "";

    /**
     * Decides, for a failure of this method, whether the chain moves on ({@code true}) or stops and
     * rethrows ({@code false}). One shared instance per class: its {@code public static final INSTANCE}
     * field if it declares one (holding an instance of the class, which may then be abstract or an
     * interface), else one made by its public no-arg constructor.
     *
     * @return the predicate class
     */
    Class<? extends SkipPredicate> skipOn() default RetryableOnly.class;

    /**
     * A label for traces, logs and metrics. Empty: the method's name.
     *
     * @return the provider label, or {@code ""}
     */
    String provider() default "";

    /**
     * Provider health for this link (SPEC §9): how its failures cool its provider, so that while the provider
     * is known to be down every chain that names it skips it instead of paying for its failure again (for a
     * hang, its whole timeout). Keyed by {@link #provider()} (else the method's name), process-wide. The default
     * {@link NoCooldown} never cools: every call tries every link. {@link OutageCooldown} cools by what the
     * provider said (529, 503, 429 with its {@code Retry-After}, quota, repeated timeouts). One shared instance
     * per class, as for {@link #skipOn()}. See {@link ProviderHealth} to observe and operate it.
     *
     * @return the health policy class
     */
    Class<? extends HealthPolicy> health() default NoCooldown.class;

    /**
     * The longest this attempt may take, e.g. {@code "10s"}, {@code "1500ms"}, {@code "2m"} or ISO-8601
     * {@code "PT10S"}, at most about 292 years (what fits in a {@code long} of nanoseconds); validated when
     * the chain is resolved. When it expires the attempt is cancelled
     * (interrupted, or its future cancelled), recorded {@link Attempt.Outcome#TIMED_OUT TIMED_OUT}, and the
     * chain moves on whatever {@link #skipOn()} says. The body then runs on a worker thread so that the
     * caller regains control even from a provider that ignores interrupts; see {@link ThreadContextPropagator}
     * for thread-local context. That thread cannot enter a {@code synchronized} method whose monitor the
     * caller holds, so a synchronized head with a timeout or a deadline is rejected, as is a synchronized
     * link with a timeout in a synchronized head's chain (see the package documentation). Empty: no timeout
     * of its own. In a Spring application with llm-fallback's starter (or {@code @EnableLlmFallback}), the text
     * may hold {@code ${...}} placeholders, resolved against the environment, and the property
     * {@code llm-fallback.providers.<provider label>.timeout} replaces it for every link of that provider.
     *
     * @return the per-attempt timeout, or {@code ""}
     */
    String timeout() default "";

    /**
     * The whole chain's budget, read on the head only, in the same format as {@link #timeout()}. Each
     * attempt's effective timeout is the smaller of its own and what is left; when nothing is left the
     * chain ends with {@link AllProvidersFailedException}, the providers never tried recorded
     * {@link Attempt.Outcome#NOT_TRIED NOT_TRIED}. Empty: no deadline. In a Spring application with
     * llm-fallback's starter, placeholders resolve as for {@link #timeout()}, and the property
     * {@code llm-fallback.chains.[Class.method].deadline} (the head's label) replaces it.
     *
     * @return the chain deadline, or {@code ""}
     */
    String deadline() default "";

    /**
     * For a streaming link (SPEC §13: the method returns {@code java.util.stream.Stream<T>}, or an
     * {@code AutoCloseable} interface with a public {@code stream()} such as the SDKs' {@code StreamResponse<T>}):
     * where its answer commits the chain to it. The default, {@code CommitPoint.class} itself, means
     * {@link CommitPoint#modelOutput()}; any other class implementing {@link CommitPoint} is used as its one
     * shared instance, as for {@link #skipOn()}. Setting it on a link that does not stream is a
     * misconfiguration. See the package documentation's "Streaming".
     *
     * @return the commit point class, or {@code CommitPoint.class} for {@link CommitPoint#modelOutput()}
     */
    Class<? extends CommitPoint> commitPoint() default CommitPoint.class;
}
