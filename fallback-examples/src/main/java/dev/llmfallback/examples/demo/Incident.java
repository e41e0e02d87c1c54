package dev.llmfallback.examples.demo;

import dev.llmfallback.examples.fake.Behaviour;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A scripted outage: what each fake provider does from which moment on, and how often requests arrive.
 *
 * @param phases   in order of {@link Phase#at()}, the first at zero
 * @param length   how long requests keep arriving
 * @param interval the time between two requests (a steady arrival rate, whatever the latency)
 */
record Incident(List<Phase> phases, Duration length, Duration interval) {

    /**
     * From {@code at} on, the providers behave so.
     *
     * @param at        from the start of the incident
     * @param headline  what happens, in a few words
     * @param anthropic the fake Anthropic's standing behaviour
     * @param openAi    the fake OpenAI's standing behaviour
     */
    record Phase(Duration at, String headline, Behaviour anthropic, Behaviour openAi) {
        Phase {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(headline, "headline");
            Objects.requireNonNull(anthropic, "anthropic");
            Objects.requireNonNull(openAi, "openAi");
        }
    }

    static final Duration ANTHROPIC_LATENCY = Duration.ofMillis(180);
    static final Duration OPENAI_LATENCY = Duration.ofMillis(240);

    Incident {
        phases = List.copyOf(phases);
        if (phases.isEmpty() || !phases.get(0).at().isZero()) {
            throw new IllegalArgumentException("the first phase starts at zero");
        }
        for (int i = 1; i < phases.size(); i++) {
            if (phases.get(i).at().compareTo(phases.get(i - 1).at()) <= 0) {
                throw new IllegalArgumentException("phases must be in order of time");
            }
        }
        if (interval.isNegative() || interval.isZero() || length.compareTo(interval) < 0) {
            throw new IllegalArgumentException("need 0 < interval <= length");
        }
    }

    /**
     * SPEC §1's outage: healthy; Anthropic overloaded (529); Anthropic hangs; OpenAI rate-limits too;
     * recovery. 20 s, a request every 250 ms.
     *
     * @return the incident
     */
    static Incident standard() {
        Behaviour anthropicOk = Behaviour.answer(ANTHROPIC_LATENCY);
        Behaviour openAiOk = Behaviour.answer(OPENAI_LATENCY);
        return new Incident(List.of(
                new Phase(Duration.ZERO, "all healthy: Anthropic answers", anthropicOk, openAiOk),
                new Phase(Duration.ofSeconds(3), "Anthropic overloaded: 529 overloaded_error",
                        Behaviour.overloaded(), openAiOk),
                new Phase(Duration.ofSeconds(7), "Anthropic hangs: accepts requests, never answers",
                        Behaviour.hang(), openAiOk),
                new Phase(Duration.ofSeconds(11), "OpenAI rate-limits too: 429, retry-after 10 s",
                        Behaviour.hang(), Behaviour.rateLimited(Duration.ofSeconds(10))),
                new Phase(Duration.ofSeconds(16), "recovery: both providers healthy again", anthropicOk, openAiOk)),
                Duration.ofSeconds(20), Duration.ofMillis(250));
    }

    /** How many requests the incident sends. */
    int requests() {
        return (int) (length.toNanos() / interval.toNanos());
    }

    /** The phase in force at {@code offset}. */
    Phase phaseAt(Duration offset) {
        Phase current = phases.get(0);
        for (Phase phase : phases) {
            if (phase.at().compareTo(offset) <= 0) {
                current = phase;
            }
        }
        return current;
    }
}
