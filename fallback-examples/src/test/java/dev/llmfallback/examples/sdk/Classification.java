package dev.llmfallback.examples.sdk;

import dev.llmfallback.Failures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * What the library concluded about one real SDK exception, and where that differs from SPEC §6.
 *
 * @param exception the SDK's exception and its direct cause, simple class names joined by " ← "
 * @param requests  how many HTTP requests reached the fake (1 = no retry in place)
 * @param statusCode {@code Failures.statusCode}
 * @param retryAfter {@code Failures.retryAfter}
 * @param network   {@code Failures.isNetwork}
 * @param timeout   {@code Failures.isTimeout}
 * @param movesOn   each built-in predicate's decision
 * @param deviations where the above differs from SPEC §6, one readable line each; empty when it agrees
 */
record Classification(String exception, int requests, OptionalInt statusCode, Optional<Duration> retryAfter,
                      boolean network, boolean timeout, Map<Predicate, Boolean> movesOn, List<String> deviations) {

    static Classification of(Throwable failure, int requests, WireCase expected) {
        List<String> chain = new ArrayList<>();
        // The SDK's exception and its direct cause: what an application catches and what the SDK wrapped.
        // Deeper causes depend on which side of a closing socket a timeout lands, so they would make the
        // table differ from run to run.
        for (Throwable link = failure; link != null && chain.size() < 2; link = link.getCause()) {
            chain.add(link.getClass().getSimpleName());
        }
        OptionalInt status = Failures.statusCode(failure);
        Optional<Duration> retryAfter = Failures.retryAfter(failure);
        boolean network = Failures.isNetwork(failure);
        boolean timeout = Failures.isTimeout(failure);
        Map<Predicate, Boolean> decisions = new EnumMap<>(Predicate.class);
        for (Predicate predicate : Predicate.values()) {
            decisions.put(predicate, predicate.movesOn(failure));
        }

        List<String> deviations = new ArrayList<>();
        OptionalInt expectedStatus = expected.status() == 0 ? OptionalInt.empty() : OptionalInt.of(expected.status());
        if (!status.equals(expectedStatus)) {
            deviations.add("statusCode: " + status + " (SPEC: " + expectedStatus + ")");
        }
        Optional<Duration> expectedRetryAfter = Optional.ofNullable(expected.retryAfter());
        if (!retryAfter.equals(expectedRetryAfter)) {
            deviations.add("retryAfter: " + retryAfter + " (SPEC: " + expectedRetryAfter + ")");
        }
        // SPEC §6: the SDKs' I/O exceptions are network failures, so a timeout (which arrives wrapped in one)
        // is both; an HTTP error response is neither.
        boolean expectedNetwork = expected.transport() != WireCase.Transport.NONE;
        if (network != expectedNetwork) {
            deviations.add("isNetwork: " + network + " (SPEC: " + expectedNetwork + ")");
        }
        boolean expectedTimeout = expected.transport() == WireCase.Transport.TIMEOUT;
        if (timeout != expectedTimeout) {
            deviations.add("isTimeout: " + timeout + " (SPEC: " + expectedTimeout + ")");
        }
        decisions.forEach((predicate, movesOn) -> {
            boolean expectedMovesOn = expected.movesOn().contains(predicate);
            if (movesOn != expectedMovesOn) {
                deviations.add(predicate + ": " + decision(movesOn) + " (SPEC: " + decision(expectedMovesOn) + ")");
            }
        });
        return new Classification(String.join(" ← ", chain), requests, status, retryAfter, network, timeout,
                decisions, List.copyOf(deviations));
    }

    static String decision(boolean movesOn) {
        return movesOn ? "next" : "stop";
    }

    /** One row of the docs' table; a cell that differs from SPEC §6 says so. */
    String tableRow(WireCase wireCase) {
        List<String> cells = new ArrayList<>();
        cells.add(wireCase.label());
        cells.add("`" + exception + "`");
        cells.add(Integer.toString(requests));
        cells.add(flag(statusCode.isPresent() ? Integer.toString(statusCode.getAsInt()) : "—", "statusCode"));
        cells.add(flag(retryAfter.map(d -> d.toSeconds() + " s").orElse("—"), "retryAfter"));
        cells.add(flag(yesNo(network), "isNetwork"));
        cells.add(flag(yesNo(timeout), "isTimeout"));
        for (Predicate predicate : Predicate.values()) {
            String cell = decision(movesOn.get(predicate));
            cells.add(flag(movesOn.get(predicate) ? "**" + cell + "**" : cell, predicate.toString()));
        }
        return cells.stream().collect(Collectors.joining(" | ", "| ", " |"));
    }

    private String flag(String cell, String what) {
        return deviations.stream().anyMatch(d -> d.startsWith(what + ":")) ? cell + " ⚠" : cell;
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
