package dev.llmfallback.tck;

import dev.llmfallback.Attempt;
import dev.llmfallback.FallbackListener;
import java.util.ArrayList;
import java.util.List;

/**
 * A process-wide {@link FallbackListener} that writes every call down as a line in door-neutral terms (provider
 * labels, outcomes, failure types; the chain's name apart), so that the same scenario can be compared across front
 * doors. Its attempt scopes set {@link #ACTIVE} on the thread they are activated on. Thread-safe.
 */
public final class ListenerRecorder implements FallbackListener<Void> {

    /** The provider whose attempt scope is active on this thread. */
    public static final ThreadLocal<String> ACTIVE = new ThreadLocal<>();

    private final List<String> events = new ArrayList<>();
    private final List<String> chainNames = new ArrayList<>();
    private final List<List<String>> chainProviders = new ArrayList<>();

    /** @return the lines so far */
    public synchronized List<String> events() {
        return List.copyOf(events);
    }

    /** @return the names of the chains started so far */
    public synchronized List<String> chainNames() {
        return List.copyOf(chainNames);
    }

    /** @return the provider labels of the chains started so far */
    public synchronized List<List<String>> chainProviders() {
        return List.copyOf(chainProviders);
    }

    /**
     * Adds a line, e.g. from a provider.
     *
     * @param event the line
     */
    public synchronized void add(String event) {
        events.add(event);
    }

    @Override
    public Void chainStarted(ChainInfo chain) {
        synchronized (this) {
            chainNames.add(chain.name());
            chainProviders.add(chain.providers());
        }
        add("chainStarted");
        return null;
    }

    @Override
    public AttemptScope attemptStarted(Void call, ChainInfo chain, int index, String provider) {
        add("attemptStarted " + index + " " + provider);
        return new AttemptScope() {
            @Override
            public Activation activate() {
                String before = ACTIVE.get();
                ACTIVE.set(provider);
                return () -> ACTIVE.set(before);
            }

            @Override
            public void close() {
                add("scopeClosed " + index);
            }
        };
    }

    @Override
    public void attemptEnded(Void call, ChainInfo chain, Attempt attempt) {
        add("attemptEnded " + attempt.providerIndex() + " " + attempt.provider() + " " + attempt.outcome()
                + (attempt.failure() == null ? "" : " " + attempt.failure().getClass().getSimpleName()));
    }

    @Override
    public void chainEnded(Void call, ChainInfo chain, Attempt last, long elapsedNanos, Throwable failure) {
        add("chainEnded " + (last != null && last.outcome() == Attempt.Outcome.SUCCEEDED ? last.provider() : "-") + " "
                + (failure == null ? "answered" : failure.getClass().getSimpleName()));
    }
}
