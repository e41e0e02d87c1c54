package dev.llmfallback;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes down every listener call as a line, and which scope was active on the provider's thread, so that tests
 * can compare whole sequences. Thread-safe.
 */
final class RecordingListener implements FallbackListener<String> {

    /** The attempt scope active on this thread, as "chain#index". */
    static final ThreadLocal<String> ACTIVE = new ThreadLocal<>();

    private final List<String> events = new ArrayList<>();

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    synchronized void add(String event) {
        events.add(event);
    }

    @Override
    public String chainStarted(ChainInfo chain) {
        add("chainStarted " + chain.name() + " " + chain.providers());
        return "call:" + chain.name();
    }

    @Override
    public AttemptScope attemptStarted(String call, ChainInfo chain, int index, String provider) {
        add("attemptStarted " + call + " " + index + " " + provider);
        return new AttemptScope() {
            @Override
            public Activation activate() {
                String before = ACTIVE.get();
                ACTIVE.set(chain.name() + "#" + index);
                return () -> ACTIVE.set(before);
            }

            @Override
            public void close() {
                add("scopeClosed " + index);
            }
        };
    }

    @Override
    public void attemptEnded(String call, ChainInfo chain, Attempt attempt) {
        add("attemptEnded " + call + " " + attempt.providerIndex() + " " + attempt.provider() + " "
                + attempt.outcome() + (attempt.failure() == null ? "" : " " + attempt.failure().getClass().getSimpleName()));
    }

    @Override
    public void chainEnded(String call, ChainInfo chain, Attempt last, long elapsedNanos, Throwable failure) {
        add("chainEnded " + call + " " + (last != null && last.outcome() == Attempt.Outcome.SUCCEEDED ? last.provider() : "-") + " "
                + (failure == null ? "answered" : failure.getClass().getSimpleName()));
    }

    @Override
    public void healthTransition(ProviderHealth.Transition transition) {
        add("transition " + transition.provider() + " " + transition.from() + "->" + transition.to());
    }
}
