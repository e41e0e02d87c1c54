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
     * SPEC §1's outage, as provider health meets it: healthy; Anthropic hangs (cooled after three timeouts),
     * then answers 529 (which its probe finds); OpenAI rate-limits for a while (cooled for its Retry-After,
     * the local summary answers); Anthropic recovers (its next probe finds that). 28 s, a request every 250 ms.
     *
     * @return the incident
     */
    static Incident standard() {
        return timeline(1);
    }

    /**
     * {@link #standard()}, {@code factor} times faster, for a test that also runs provider health's clock
     * {@code factor} times faster: the same story, told in a fraction of the time. Retry-After stays as the
     * fake sends it, since it is read on health's clock.
     *
     * @param factor how many times faster, at least 1
     * @return the incident
     */
    static Incident compressed(int factor) {
        checkFactor(factor);
        return timeline(factor);
    }

    /**
     * {@link #compressed(int)}'s incident as a streaming client meets it (the demo's streaming mode): the same
     * timeline, with each of Anthropic's failures in its streaming form. Instead of hanging, Anthropic
     * stalls: it answers 200 and sends its stream's preamble ({@code message_start}, {@code ping}), then
     * only keep-alive comments, never a token, which no read timeout notices. Instead of a 529 response, its
     * stream begins and then carries {@code event: error} {@code overloaded_error}. OpenAI's 429 comes as the
     * response to the streaming request, as the real API sends it.
     *
     * @param factor how many times faster than real time, at least 1
     * @return the incident
     */
    static Incident streaming(int factor) {
        checkFactor(factor);
        return timeline(factor, "Anthropic stalls: sends its stream's preamble, then never a token",
                Behaviour.streamStall(), "Anthropic overloaded mid-stream: message_start, then event: error "
                        + "overloaded_error", Behaviour.streamError(529));
    }

    private static void checkFactor(int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be at least 1: " + factor);
        }
    }

    private static Incident timeline(int factor) {
        return timeline(factor, "Anthropic hangs: accepts requests, never answers", Behaviour.hang(),
                "Anthropic overloaded: 529 overloaded_error", Behaviour.overloaded());
    }

    private static Incident timeline(int factor, String hangs, Behaviour hang, String overloaded,
                                     Behaviour overload) {
        Behaviour anthropicOk = Behaviour.answer(ANTHROPIC_LATENCY.dividedBy(factor));
        Behaviour openAiOk = Behaviour.answer(OPENAI_LATENCY.dividedBy(factor));
        Behaviour openAiLimited = Behaviour.rateLimited(Duration.ofSeconds(3));
        return new Incident(List.of(
                new Phase(Duration.ZERO, "all healthy: Anthropic answers", anthropicOk, openAiOk),
                new Phase(seconds(2, factor), hangs, hang, openAiOk),
                new Phase(seconds(10, factor), overloaded, overload, openAiOk),
                new Phase(seconds(16, factor), "OpenAI rate-limits too: 429, retry-after 3 s", overload,
                        openAiLimited),
                new Phase(seconds(19, factor), "OpenAI answers again", overload, openAiOk),
                new Phase(seconds(20, factor), "recovery: both providers healthy again", anthropicOk, openAiOk)),
                seconds(28, factor), Duration.ofMillis(250).dividedBy(factor));
    }

    private static Duration seconds(long seconds, int factor) {
        return Duration.ofSeconds(seconds).dividedBy(factor);
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
