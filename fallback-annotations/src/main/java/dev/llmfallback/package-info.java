/**
 * The public API of llm-fallback: annotate the LLM client methods you already have and, when a provider
 * fails for a reason worth moving on from, the next one answers.
 *
 * <p>Entry points:
 * <ul>
 *   <li>{@link dev.llmfallback.LlmFallback} on a method, woven by the AspectJ aspect or the Byte Buddy agent
 *       of {@code fallback-weaver};</li>
 *   <li>{@link dev.llmfallback.FallbackChain}, the same engine without any weaving;</li>
 *   <li>{@link dev.llmfallback.SkipPredicate} and its built-ins, which decide whether a failure moves on;</li>
 *   <li>{@link dev.llmfallback.FallbackTrace}, what happened in the last chain on this thread;</li>
 *   <li>{@link dev.llmfallback.FallbackListener}, what metrics and traces are made of.</li>
 * </ul>
 *
 * <h2 id="rules">The rules, once, in full</h2>
 * For attempt {@code i} of a chain, the engine invokes link {@code i}'s own body with the head's arguments.
 * <ol>
 *   <li>A return (any value, {@code null} included) is a success: the attempt is recorded
 *       {@link dev.llmfallback.Attempt.Outcome#SUCCEEDED SUCCEEDED} and the value returned.</li>
 *   <li>An {@link java.lang.Error}, an {@link java.lang.InterruptedException}, or any failure while the
 *       thread's interrupt flag is set ends the chain at once: the attempt is recorded
 *       {@link dev.llmfallback.Attempt.Outcome#STOPPED STOPPED}, the interrupt flag is kept (and set again
 *       for an {@code InterruptedException}), and the throwable is rethrown unchanged. No predicate is asked.</li>
 *   <li>Otherwise the link's own {@link dev.llmfallback.SkipPredicate} decides. {@code false}: recorded
 *       STOPPED and the failure rethrown unchanged (checked exceptions included). {@code true}: recorded
 *       {@link dev.llmfallback.Attempt.Outcome#FAILED FAILED} and the next link runs; after the last link,
 *       {@link dev.llmfallback.AllProvidersFailedException} carries every attempt.</li>
 *   <li>A predicate that throws ends the chain: its exception propagates with the failure it judged
 *       added as suppressed.</li>
 *   <li>A misconfigured annotated chain throws {@link dev.llmfallback.FallbackConfigurationException} on
 *       every call, before any provider runs.</li>
 *   <li>A link with a {@linkplain dev.llmfallback.LlmFallback#timeout() timeout}, or any link under a
 *       {@linkplain dev.llmfallback.LlmFallback#deadline() deadline}, runs on a worker thread while the
 *       caller waits at most its effective timeout (its own, or what is left of the deadline, whichever is
 *       smaller). When it expires the attempt is cancelled and recorded
 *       {@link dev.llmfallback.Attempt.Outcome#TIMED_OUT TIMED_OUT}, and the chain moves on without asking
 *       the predicate; a late answer or exception is discarded. An outcome that arrives after the attempt's
 *       effective timeout, measured from the attempt's start, counts as a timeout whatever the scheduler did
 *       (a busy timer thread never stretches a timeout). Such an attempt's failure is judged where it
 *       happened, within its timeout, so that a predicate or a status accessor that never returns costs the
 *       attempt its timeout, not the caller its thread. When the deadline leaves nothing for a link,
 *       it and the rest are recorded {@link dev.llmfallback.Attempt.Outcome#NOT_TRIED NOT_TRIED} and
 *       {@link dev.llmfallback.AllProvidersFailedException} is thrown. An interrupt of the waiting caller
 *       stops the chain with {@code InterruptedException}, the flag kept. Because the caller of a
 *       {@code synchronized} head holds its monitor while the chain runs, a worker thread could never enter a
 *       link synchronized on that monitor: a synchronized head (not async) with a timeout or a deadline, or
 *       whose chain has a synchronized link with a timeout (for static methods: one declared in the head's
 *       class, whose monitor is the same), is a misconfiguration. A synchronized link run on the caller's
 *       thread (no timeout, no deadline) and an async head (it returns at once, releasing the monitor) are
 *       not affected.</li>
 *   <li>Async chains (a head returning {@code CompletionStage}/{@code CompletableFuture},
 *       {@link dev.llmfallback.FallbackChain#runAsync}) follow the same rules through callbacks: the failure
 *       is thrown or completed exceptionally ({@code CompletionException}/{@code ExecutionException}
 *       unwrapped); the chain's future completes with the answer or the failure that would have been thrown;
 *       cancelling it cancels the attempt in flight (recorded STOPPED) and starts no other. The thread's
 *       interrupt flag plays no part there.</li>
 *   <li>Streaming chains ({@link dev.llmfallback.FallbackChain#stream}, and annotated heads returning a
 *       {@code Stream} or an SDK's {@code StreamResponse}: see {@link dev.llmfallback.LlmFallback}; SPEC §13) follow the sync rules up
 *       to each link's {@link dev.llmfallback.CommitPoint}: opening a provider's stream and reading it to the
 *       first element carrying model output is the attempt, so a failure thrown at the call or on a pull
 *       before it, or the link's timeout running out first, is judged and recorded exactly as above, and
 *       the abandoned stream is closed. After the commit the chain is that provider's: a failure surfaces
 *       as {@link dev.llmfallback.StreamInterruptedException}, never as another provider's answer.</li>
 * </ol>
 * A link reached as part of a chain runs its own body only: it does not start a chain of its own, and no
 * attempt is recorded twice. Annotated links are exactly the methods named: they are invoked with
 * {@code invokespecial} semantics, so an override in a subclass is not consulted. No argument value ever
 * appears in a message, a trace's {@code toString} or a log line written by the library.
 */
package dev.llmfallback;
