package dev.llmfallback.examples.demo;

import dev.llmfallback.Attempt;
import dev.llmfallback.Failures;
import dev.llmfallback.FallbackTrace;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One request of the demo, once it is over: when it started, how long it took (and, streamed, how long to its
 * first token), and the chain's attempts.
 *
 * @param number     1-based, in order of sending
 * @param sentAt     when it was sent, from the start of the incident
 * @param latency    how long the caller waited (for a streamed answer: until its end)
 * @param trace      the chain's trace ({@code FallbackTrace.current()} after the call)
 * @param probed     the providers this request probed: it was let through to a cooling provider to see
 *                   whether it had recovered
 * @param failure    what the caller got instead of an answer, or {@code null}
 * @param firstToken for a streamed answer, how long the caller waited for its first token; {@code null} for a
 *                   blocking call, or a stream that brought no text
 */
record Served(int number, Duration sentAt, Duration latency, FallbackTrace trace, Set<String> probed,
              Throwable failure, Duration firstToken) {

    Served {
        probed = Set.copyOf(probed);
    }

    /** A blocking call: no first token apart from the answer. */
    Served(int number, Duration sentAt, Duration latency, FallbackTrace trace, Set<String> probed,
           Throwable failure) {
        this(number, sentAt, latency, trace, probed, failure, null);
    }

    /** The chain's attempts, in order. */
    List<Attempt> attempts() {
        return trace.attempts();
    }

    /** The provider that answered, if one did. */
    Optional<String> answeredBy() {
        if (failure != null) {
            return Optional.empty();
        }
        return attempts().stream().filter(a -> a.outcome() == Attempt.Outcome.SUCCEEDED).map(Attempt::provider)
                .findFirst();
    }

    /** The first attempt: what the caller would have got from the first provider alone. */
    Optional<Attempt> first() {
        return attempts().isEmpty() ? Optional.empty() : Optional.of(attempts().get(0));
    }

    /** Whether this request passed over {@code provider} because it was cooling. */
    boolean skipped(String provider) {
        return attempts().stream().anyMatch(a -> a.provider().equals(provider)
                && a.outcome() == Attempt.Outcome.SKIPPED_UNHEALTHY);
    }

    /**
     * {@code anthropic skipped (529 overloaded, 4 s left) → openai ✓}: each attempt's provider and how it
     * ended; a probe is marked as one.
     */
    String path(Console console) {
        return IntStream.range(0, attempts().size())
                .mapToObj(i -> step(i, console))
                .collect(Collectors.joining(" " + console.arrow() + " "));
    }

    private String step(int i, Console console) {
        Attempt attempt = attempts().get(i);
        String provider = attempt.provider() + (probed.contains(attempt.provider()) ? " probe" : "");
        if (attempt.outcome() == Attempt.Outcome.SUCCEEDED) {
            return provider + " " + console.paint(console.tick(), Console.Colour.GREEN);
        }
        if (attempt.outcome() == Attempt.Outcome.SKIPPED_UNHEALTHY) {
            String why = trace.summary(i).map(s -> " (" + s + ")").orElse("");
            return console.paint(provider + " skipped" + why, Console.Colour.DIM);
        }
        return provider + " " + console.paint(outcome(attempt), Console.Colour.YELLOW);
    }

    /**
     * How an attempt that did not answer ended, in a word: {@code 529}, {@code timeout}, {@code network},
     * {@code skipped}.
     */
    static String outcome(Attempt attempt) {
        switch (attempt.outcome()) {
            case SUCCEEDED:
                return "ok";
            case TIMED_OUT:
                return "timeout";
            case NOT_TRIED:
                return "not tried";
            case SKIPPED_UNHEALTHY:
                return "skipped";
            default:
                Throwable failure = attempt.failure();
                OptionalInt status = Failures.statusCode(failure);
                String what = status.isPresent() ? Integer.toString(status.getAsInt())
                        : Failures.isTimeout(failure) ? "timeout"
                        : Failures.isNetwork(failure) ? "network"
                        : failure.getClass().getSimpleName();
                return attempt.outcome() == Attempt.Outcome.STOPPED ? what + " (stopped)" : what;
        }
    }
}
