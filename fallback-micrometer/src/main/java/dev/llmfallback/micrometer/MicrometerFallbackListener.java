package dev.llmfallback.micrometer;

import dev.llmfallback.AllProvidersFailedException;
import dev.llmfallback.AllProvidersUnhealthyException;
import dev.llmfallback.Attempt;
import dev.llmfallback.FallbackListener;
import dev.llmfallback.Failures;
import dev.llmfallback.ProviderHealth;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A {@link FallbackListener} that records the meters of the {@linkplain dev.llmfallback.micrometer package
 * documentation} into one {@link MeterRegistry}. Give it to one chain with
 * {@code FallbackChain.Builder.listener(...)}, or let {@link LlmFallbackMetrics} register it for every chain.
 *
 * <p>Meters are looked up once per chain and tag combination and kept: a call on the happy path records two
 * timers and allocates only what the engine hands listeners. Thread-safe.
 */
public final class MicrometerFallbackListener implements FallbackListener<MicrometerFallbackListener.ChainMeters> {

    static final String CALLS = "llm_fallback.calls";
    static final String ATTEMPTS = "llm_fallback.attempts";
    static final String STATE = "llm_fallback.provider.state";
    static final String TRANSITIONS = "llm_fallback.provider.transitions";

    private final MeterRegistry registry;
    private final ProviderHealth health;
    private final Map<ChainInfo, ChainMeters> chains = new ConcurrentHashMap<>();
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();
    /** The chain seen last; racy by design (any value is correct, a stale one only costs a lookup). */
    private volatile ChainMeters last;

    /**
     * Records into {@code registry}; provider state gauges read {@link ProviderHealth#shared()}.
     *
     * @param registry where the meters go
     */
    public MicrometerFallbackListener(MeterRegistry registry) {
        this(registry, ProviderHealth.shared());
    }

    /**
     * Records into {@code registry}; provider state gauges read {@code health}.
     *
     * @param registry where the meters go
     * @param health   what the provider state gauges read
     */
    public MicrometerFallbackListener(MeterRegistry registry, ProviderHealth health) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.health = Objects.requireNonNull(health, "health");
    }

    @Override
    public ChainMeters chainStarted(ChainInfo chain) {
        // A chain hands the same ChainInfo to every run: the chain seen last is found without hashing.
        ChainMeters recent = last;
        if (recent != null && recent.chain == chain) {
            return recent;
        }
        ChainMeters meters = chains.get(chain);
        if (meters == null) {
            meters = chains.computeIfAbsent(chain, this::meters);
        }
        last = meters;
        return meters;
    }

    private ChainMeters meters(ChainInfo chain) {
        for (String provider : chain.providers()) {
            gauge(provider);
        }
        return new ChainMeters(chain);
    }

    @Override
    public void attemptEnded(ChainMeters call, ChainInfo chain, Attempt attempt) {
        ChainMeters meters = call != null ? call : chainStarted(chain);
        meters.attempt(attempt).record(attempt.duration().toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void chainEnded(ChainMeters call, ChainInfo chain, Attempt lastAttempt, long elapsedNanos,
            Throwable failure) {
        ChainMeters meters = call != null ? call : chainStarted(chain);
        meters.call(lastAttempt, failure).record(elapsedNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Counts a provider's health transition and makes sure its state gauge exists.
     *
     * @param transition the change
     */
    @Override
    public void healthTransition(ProviderHealth.Transition transition) {
        gauge(transition.provider());
        Counter.builder(TRANSITIONS)
                .description("Changes of a provider's health status")
                .tag("provider", transition.provider())
                .tag("from", lower(transition.from()))
                .tag("to", lower(transition.to()))
                .register(registry)
                .increment();
    }

    private void gauge(String provider) {
        if (gauged.add(provider)) {
            ProviderHealth source = health;
            Gauge.builder(STATE, () -> source.state(provider).status().ordinal())
                    .description("A provider's health: 0 healthy, 1 cooling, 2 probing, 3 forced open")
                    .tag("provider", provider)
                    .register(registry);
        }
    }

    static String lower(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The error tag: an HTTP status, else the failure's simple class name; never its message.
     *
     * @param failure the attempt's failure, or {@code null}
     * @return a bounded value
     */
    static String error(Throwable failure) {
        if (failure == null) {
            return "none";
        }
        OptionalInt status = Failures.statusCode(failure);
        if (status.isPresent()) {
            return Integer.toString(status.getAsInt());
        }
        String name = failure.getClass().getSimpleName();
        return name.isEmpty() ? failure.getClass().getName() : name;
    }

    /** One chain's meters, made on first use and kept; what {@link #chainStarted} hands back for a run. */
    public final class ChainMeters {

        private final ChainInfo chain;
        /** By link, then outcome: the timers of attempts without an error, made on first use. */
        private final Timer[][] clean;
        /** By link, then outcome: the timers of failed attempts, one per failure class and status. */
        private final FailedTimers[][] failed;
        /** By link: the timer of a call that link answered. */
        private final Timer[] answeredBy;
        private final Map<String, Timer> others = new ConcurrentHashMap<>();

        ChainMeters(ChainInfo chain) {
            this.chain = chain;
            this.clean = new Timer[chain.providers().size()][Attempt.Outcome.values().length];
            this.failed = new FailedTimers[chain.providers().size()][Attempt.Outcome.values().length];
            this.answeredBy = new Timer[chain.providers().size()];
        }

        Timer attempt(Attempt attempt) {
            int link = attempt.providerIndex();
            if (attempt.failure() == null) {
                int outcome = attempt.outcome().ordinal();
                Timer timer = clean[link][outcome];
                if (timer == null) {
                    timer = attemptTimer(attempt.provider(), lower(attempt.outcome()), "none");
                    clean[link][outcome] = timer;
                }
                return timer;
            }
            int outcome = attempt.outcome().ordinal();
            FailedTimers timers = failed[link][outcome];
            if (timers == null) {
                timers = new FailedTimers();
                failed[link][outcome] = timers;
            }
            Throwable failure = attempt.failure();
            int status = Failures.statusCode(failure).orElse(-1);
            Timer timer = timers.find(failure.getClass(), status);
            return timer != null ? timer : timers.add(failure.getClass(), status,
                    attemptTimer(attempt.provider(), lower(attempt.outcome()), error(failure)));
        }

        private Timer attemptTimer(String provider, String outcome, String error) {
            return Timer.builder(ATTEMPTS)
                    .description("One attempt of one link of a fallback chain")
                    .tag("chain", chain.name())
                    .tag("provider", provider)
                    .tag("outcome", outcome)
                    .tag("error", error)
                    .register(registry);
        }

        Timer call(Attempt winner, Throwable failure) {
            if (failure == null) {
                if (winner != null && winner.outcome() == Attempt.Outcome.SUCCEEDED) {
                    int link = winner.providerIndex();
                    Timer timer = answeredBy[link];
                    if (timer == null) {
                        timer = callTimer("success", winner.provider(), link > 0);
                        answeredBy[link] = timer;
                    }
                    return timer;
                }
            }
            String outcome = failure instanceof AllProvidersUnhealthyException ? "all_unhealthy"
                    : failure instanceof AllProvidersFailedException ? "all_failed" : "stopped";
            return others.computeIfAbsent("call/" + outcome, key -> callTimer(outcome, "none", false));
        }

        private Timer callTimer(String outcome, String servedBy, boolean fallback) {
            return Timer.builder(CALLS)
                    .description("Calls of a fallback chain, by how they ended and which provider answered")
                    .tag("chain", chain.name())
                    .tag("outcome", outcome)
                    .tag("served_by", servedBy)
                    .tag("fallback", Boolean.toString(fallback))
                    .register(registry);
        }
    }

    /**
     * The timers of one link's failed attempts with one outcome, found by failure class and status without
     * building a tag or a key: a failing call allocates nothing here once its timer exists. Copy-on-write, so
     * reads take no lock; the set is small (one entry per failure class and status a link has seen).
     */
    static final class FailedTimers {

        private static final Object[] NONE = {};

        /** Triples: failure class, status ({@code Integer}, -1 for none), timer. */
        private volatile Object[] entries = NONE;

        Timer find(Class<?> type, int status) {
            Object[] seen = entries;
            for (int i = 0; i < seen.length; i += 3) {
                if (seen[i] == type && (Integer) seen[i + 1] == status) {
                    return (Timer) seen[i + 2];
                }
            }
            return null;
        }

        synchronized Timer add(Class<?> type, int status, Timer timer) {
            Timer known = find(type, status);
            if (known != null) {
                return known;
            }
            Object[] seen = entries;
            Object[] more = Arrays.copyOf(seen, seen.length + 3);
            more[seen.length] = type;
            more[seen.length + 1] = status;
            more[seen.length + 2] = timer;
            entries = more;
            return timer;
        }
    }
}
