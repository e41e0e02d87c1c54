package dev.llmfallback;

import dev.llmfallback.internal.observe.Listeners;
import java.util.List;
import java.util.Objects;

/**
 * Sees what chains do, for metrics and traces (SPEC §11): each chain's start and end, each attempt's start and
 * end, and each change of a provider's health. Every method has a no-op default; implement what you need.
 *
 * <p><b>Registration.</b> A listener sees a chain's calls when it is
 * <ul>
 *   <li>listed in {@code META-INF/services/dev.llmfallback.FallbackListener} (found once, through
 *       {@link java.util.ServiceLoader} with the API's class loader, when the first chain runs), or</li>
 *   <li>registered process-wide with {@link #register}, until the returned registration is closed (this is
 *       how annotated chains, which have no builder, are observed), or</li>
 *   <li>given to one programmatic chain with {@link FallbackChain.Builder#listener}.</li>
 * </ul>
 * Process-wide listeners (the first two) also see {@link #healthTransition} for {@link ProviderHealth#shared()};
 * a chain's own listeners see its calls only.
 *
 * <p><b>Order of calls for one chain run.</b> {@link #chainStarted}, then per link, in order: for a link that is
 * called, {@link #attemptStarted} then {@link #attemptEnded}; for a link that is not called
 * ({@link Attempt.Outcome#SKIPPED_UNHEALTHY SKIPPED_UNHEALTHY}, {@link Attempt.Outcome#NOT_TRIED NOT_TRIED}),
 * {@link #attemptEnded} only; then {@link #chainEnded}, once. For a sync run these are called on the caller's
 * thread (a timed attempt's end too: its timeout is seen there); for an async run on whichever thread settles the
 * step, never two at once for the same run.
 *
 * <p><b>Scopes.</b> {@link #attemptStarted} may return an {@link AttemptScope}: its {@link AttemptScope#activate()}
 * runs on the thread that runs the provider, right before it (the caller's thread, a timed attempt's worker, or
 * the thread that starts an async provider's stage), and what it returns is closed on that thread as soon as the
 * provider returns or throws. This is how a tracing span is current while the provider's SDK makes its HTTP
 * call. {@link AttemptScope#close()} runs once when the attempt ends, after {@link #attemptEnded}.
 *
 * <p><b>Safety.</b> A listener must be thread-safe and quick: it runs inside every call. Whatever it throws is
 * caught and never changes a call's outcome; the first failure of each listener class is logged (through
 * {@link System.Logger}, the exception's class only), later ones are not. Nothing the library hands a listener
 * contains an argument (prompt); a failure's message may quote a request, so a listener that exports failures
 * should export their type or status only ({@link Failures#statusCode}).
 *
 * <p><b>Cost.</b> With no listener registered, a call pays a field read and a volatile read per run and a null
 * check per attempt for them, and allocates nothing. With listeners, a sync run allocates the {@link Attempt}s it
 * hands them (its bookkeeping is reused from run to run on the thread), plus whatever the listeners allocate.
 *
 * @param <C> what the listener keeps for one chain run, from {@link #chainStarted} to {@link #chainEnded}
 *            (e.g. a span); {@code Void} if nothing
 */
public interface FallbackListener<C> {

    /**
     * A chain run starts.
     *
     * @param chain the chain
     * @return this listener's state for the run, handed to its other calls for the run; may be {@code null}
     */
    default C chainStarted(ChainInfo chain) {
        return null;
    }

    /**
     * Link {@code index} is about to be called.
     *
     * @param call     what {@link #chainStarted} returned for this run
     * @param chain    the chain
     * @param index    the link's position, from 0
     * @param provider the link's provider label
     * @return a scope to activate on the thread that runs the provider, or {@code null} for none
     */
    default AttemptScope attemptStarted(C call, ChainInfo chain, int index, String provider) {
        return null;
    }

    /**
     * An attempt was recorded: every link that was called, and every link that was not
     * ({@link Attempt.Outcome#SKIPPED_UNHEALTHY}, {@link Attempt.Outcome#NOT_TRIED}).
     *
     * @param call    what {@link #chainStarted} returned for this run
     * @param chain   the chain
     * @param attempt the attempt, as the trace holds it
     */
    default void attemptEnded(C call, ChainInfo chain, Attempt attempt) {
    }

    /**
     * A chain run ended. The run's attempts were each handed to {@link #attemptEnded}; the whole trace is
     * {@link FallbackTrace#current()} after a sync run and {@link FallbackTrace#of} an async run's future.
     *
     * @param call         what {@link #chainStarted} returned for this run
     * @param chain        the chain
     * @param last         the run's last attempt: after an answer, the one that answered
     *                     ({@link Attempt.Outcome#SUCCEEDED}); {@code null} if no attempt was recorded
     * @param elapsedNanos how long the run took, in nanoseconds
     * @param failure      what the run threw (or completed its future with), {@code null} when it answered
     */
    default void chainEnded(C call, ChainInfo chain, Attempt last, long elapsedNanos, Throwable failure) {
    }

    /**
     * A provider's health changed in {@link ProviderHealth#shared()}; only process-wide listeners are told.
     *
     * @param transition the change
     */
    default void healthTransition(ProviderHealth.Transition transition) {
    }

    /**
     * Registers a listener for every chain of the process, until the registration is closed.
     *
     * @param listener the listener
     * @return closing it unregisters the listener (idempotent)
     */
    static Registration register(FallbackListener<?> listener) {
        return Listeners.register(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * A chain as listeners see it. Immutable; one instance per chain, the same for every run.
     *
     * @param name      the chain's name: for an annotated chain the head's {@link Attempt#method()} label (e.g.
     *                  {@code Summarizer.callAnthropic}); for a {@link FallbackChain} its
     *                  {@linkplain FallbackChain.Builder#name name}, by default its first provider's name
     * @param providers the provider labels, in order
     */
    record ChainInfo(String name, List<String> providers) {

        /**
         * Copies the providers.
         *
         * @param name      the chain's name
         * @param providers the provider labels
         */
        public ChainInfo {
            Objects.requireNonNull(name, "name");
            providers = List.copyOf(providers);
        }
    }

    /**
     * What {@link #attemptStarted} may return: made active on the thread that runs the provider, and closed when
     * the attempt ends. Implementations must be thread-safe: activation and closing may happen on different
     * threads, and a timed attempt's provider may still run after its attempt has ended.
     */
    @FunctionalInterface
    interface AttemptScope {

        /**
         * Called on the thread that runs the provider, right before it runs.
         *
         * @return closed on the same thread as soon as the provider returns or throws; may be {@code null}
         */
        Activation activate();

        /** Called once when the attempt ends, after {@link FallbackListener#attemptEnded}. */
        default void close() {
        }
    }

    /** What {@link AttemptScope#activate()} returns: undoes it, on the thread that activated it. */
    @FunctionalInterface
    interface Activation extends AutoCloseable {

        /** Undoes the activation; throws nothing checked. */
        @Override
        void close();
    }

    /** A process-wide registration; closing it unregisters the listener. */
    @FunctionalInterface
    interface Registration extends AutoCloseable {

        /** Unregisters the listener; harmless when repeated. */
        @Override
        void close();
    }
}
