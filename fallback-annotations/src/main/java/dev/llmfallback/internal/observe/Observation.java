package dev.llmfallback.internal.observe;

import dev.llmfallback.Attempt;
import dev.llmfallback.FallbackListener;
import dev.llmfallback.FallbackListener.Activation;
import dev.llmfallback.FallbackListener.AttemptScope;
import dev.llmfallback.FallbackListener.ChainInfo;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * One chain run as its listeners see it: the listeners of the moment (the chain's own, then the process-wide
 * ones), each one's state for the run, each attempt's scopes and the last attempt. Made only when there is a
 * listener; a sync run reuses its thread's (see {@link #start}), so that observing allocates little beyond what
 * listeners are handed. Every listener call is guarded: what a listener throws is reported once per class (see
 * {@link Failed}) and otherwise ignored. Safe for an async run's steps, which happen one at a time on different
 * threads.
 */
public final class Observation {

    /** Ends an async run's observation once, whichever of its outcome and its caller's cancellation comes first. */
    private static final VarHandle ENDED;

    static {
        try {
            ENDED = MethodHandles.lookup().findVarHandle(Observation.class, "ended", boolean.class);
        } catch (ReflectiveOperationException impossible) {
            throw new ExceptionInInitializerError(impossible);
        }
    }

    private FallbackListener<Object>[] listeners;
    private ChainInfo chain;
    private Object[] calls;
    /** By link index: the attempt's scopes, {@code null} for a link not started or without scopes. */
    private Scopes[] scopes;
    private Attempt last;
    /**
     * Whether the run ended. A sync run's observation is confined to its thread and read and written plainly
     * (no fence on the hot path); an async run's is ended by a compare-and-set.
     */
    private boolean ended;
    private boolean sync;

    private Observation() {
    }

    /**
     * Starts observing a run, if anyone listens: calls every listener's {@code chainStarted}.
     *
     * @param own   the chain's own listeners, {@link Listeners#NONE} when it has none
     * @param chain the chain, as listeners see it
     * @param spare an observation whose run has ended, to reuse (a sync run's, on its thread), or {@code null}
     * @param sync  whether the run is a sync one, confined to the calling thread
     * @return the run's observation ({@code spare} if it was given), or {@code null} when there is no listener
     */
    public static Observation start(FallbackListener<?>[] own, ChainInfo chain, Observation spare, boolean sync) {
        FallbackListener<?>[] global = Listeners.global();
        FallbackListener<?>[] all;
        if (global.length == 0) {
            if (own.length == 0) {
                return null;
            }
            all = own;
        } else if (own.length == 0) {
            all = global;
        } else {
            all = new FallbackListener<?>[own.length + global.length];
            System.arraycopy(own, 0, all, 0, own.length);
            System.arraycopy(global, 0, all, own.length, global.length);
        }
        @SuppressWarnings("unchecked")
        FallbackListener<Object>[] typed = (FallbackListener<Object>[]) all;
        Observation observation = spare != null ? spare : new Observation();
        observation.reset(typed, chain, sync);
        for (int i = 0; i < typed.length; i++) {
            try {
                observation.calls[i] = typed[i].chainStarted(chain);
            } catch (Throwable broken) {
                Failed.report(typed[i], "chainStarted", broken);
            }
        }
        return observation;
    }

    private void reset(FallbackListener<Object>[] runListeners, ChainInfo runChain, boolean syncRun) {
        listeners = runListeners;
        chain = runChain;
        if (calls == null || calls.length < runListeners.length) {
            calls = new Object[runListeners.length];
        }
        int links = runChain.providers().size();
        if (scopes == null || scopes.length < links) {
            scopes = new Scopes[links];
        }
        last = null;
        ended = false;
        sync = syncRun;
    }

    /**
     * Link {@code index} is about to be called.
     *
     * @param index    the link
     * @param provider its provider label
     * @return its scopes, for {@link Scopes#activate()} on the thread that runs the provider; {@code null} when
     *         no listener returned one
     */
    public Scopes attemptStarted(int index, String provider) {
        AttemptScope[] started = null;
        for (int i = 0; i < listeners.length; i++) {
            AttemptScope scope;
            try {
                scope = listeners[i].attemptStarted(calls[i], chain, index, provider);
            } catch (Throwable broken) {
                Failed.report(listeners[i], "attemptStarted", broken);
                continue;
            }
            if (scope != null) {
                if (started == null) {
                    started = new AttemptScope[listeners.length];
                }
                started[i] = scope;
            }
        }
        Scopes made = started == null ? null : new Scopes(started, listeners);
        scopes[index] = made;
        return made;
    }

    /**
     * An attempt was recorded: tells every listener, then closes the attempt's scopes.
     *
     * @param attempt the attempt
     */
    public void attemptEnded(Attempt attempt) {
        last = attempt;
        for (int i = 0; i < listeners.length; i++) {
            try {
                listeners[i].attemptEnded(calls[i], chain, attempt);
            } catch (Throwable broken) {
                Failed.report(listeners[i], "attemptEnded", broken);
            }
        }
        int index = attempt.providerIndex();
        Scopes started = scopes[index];
        if (started != null) {
            scopes[index] = null;
            started.close();
        }
    }

    /**
     * The run ended; only the first call of this counts. Forgets the listeners' states afterwards, so that a
     * reused observation keeps nothing of the run.
     *
     * @param elapsedNanos how long the run took
     * @param failure      what the run threw, {@code null} when it answered
     */
    public void chainEnded(long elapsedNanos, Throwable failure) {
        if (ended) {
            return;
        }
        if (sync) {
            ended = true;
        } else if (!ENDED.compareAndSet(this, false, true)) {
            return;
        }
        Attempt lastAttempt = last;
        for (int i = 0; i < listeners.length; i++) {
            try {
                listeners[i].chainEnded(calls[i], chain, lastAttempt, elapsedNanos, failure);
            } catch (Throwable broken) {
                Failed.report(listeners[i], "chainEnded", broken);
            }
        }
        Arrays.fill(calls, null);
        Arrays.fill(scopes, null);
        last = null;
    }

    /** One attempt's scopes, one per listener that returned one. Thread-safe (immutable). */
    public static final class Scopes {

        private final AttemptScope[] scopes;
        private final FallbackListener<?>[] listeners;

        Scopes(AttemptScope[] scopes, FallbackListener<?>[] listeners) {
            this.scopes = scopes;
            this.listeners = listeners;
        }

        /**
         * Activates every scope on this thread, right before the provider runs.
         *
         * @return what {@link #deactivate} undoes
         */
        public Activation[] activate() {
            Activation[] active = new Activation[scopes.length];
            for (int i = 0; i < scopes.length; i++) {
                if (scopes[i] != null) {
                    try {
                        active[i] = scopes[i].activate();
                    } catch (Throwable broken) {
                        Failed.report(listeners[i], "AttemptScope.activate", broken);
                    }
                }
            }
            return active;
        }

        /**
         * Undoes {@link #activate()} on the same thread, in reverse order, as soon as the provider returned.
         *
         * @param active what {@link #activate()} returned
         */
        public void deactivate(Activation[] active) {
            for (int i = active.length - 1; i >= 0; i--) {
                if (active[i] != null) {
                    try {
                        active[i].close();
                    } catch (Throwable broken) {
                        Failed.report(listeners[i], "Activation.close", broken);
                    }
                }
            }
        }

        void close() {
            for (int i = scopes.length - 1; i >= 0; i--) {
                if (scopes[i] != null) {
                    try {
                        scopes[i].close();
                    } catch (Throwable broken) {
                        Failed.report(listeners[i], "AttemptScope.close", broken);
                    }
                }
            }
        }
    }
}
