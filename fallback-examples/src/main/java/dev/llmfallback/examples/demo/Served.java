package dev.llmfallback.examples.demo;

import dev.llmfallback.Attempt;
import dev.llmfallback.Failures;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * One request of the demo, once it is over: when it started, how long it took, and the chain's attempts.
 *
 * @param number   1-based, in order of sending
 * @param sentAt   when it was sent, from the start of the incident
 * @param latency  how long the caller waited
 * @param attempts the chain's attempts, in order (from {@code FallbackTrace.current()})
 * @param failure  what the caller got instead of an answer, or {@code null}
 */
record Served(int number, Duration sentAt, Duration latency, List<Attempt> attempts, Throwable failure) {

    Served {
        attempts = List.copyOf(attempts);
    }

    /** The provider that answered, if one did. */
    Optional<String> answeredBy() {
        if (failure != null) {
            return Optional.empty();
        }
        return attempts.stream().filter(a -> a.outcome() == Attempt.Outcome.SUCCEEDED).map(Attempt::provider)
                .findFirst();
    }

    /** The first attempt: what the caller would have got from the first provider alone. */
    Optional<Attempt> first() {
        return attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.get(0));
    }

    /** {@code anthropic 529 → openai ✓}: each attempt's provider and how it ended. */
    String path(Console console) {
        return attempts.stream()
                .map(attempt -> attempt.provider() + " " + paintedOutcome(attempt, console))
                .collect(Collectors.joining(" " + console.arrow() + " "));
    }

    private static String paintedOutcome(Attempt attempt, Console console) {
        if (attempt.outcome() == Attempt.Outcome.SUCCEEDED) {
            return console.paint(console.tick(), Console.Colour.GREEN);
        }
        return console.paint(outcome(attempt), Console.Colour.YELLOW);
    }

    /** How an attempt that did not answer ended, in a word: {@code 529}, {@code timeout}, {@code network}. */
    static String outcome(Attempt attempt) {
        switch (attempt.outcome()) {
            case SUCCEEDED:
                return "ok";
            case TIMED_OUT:
                return "timeout";
            case NOT_TRIED:
                return "not tried";
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
