package dev.llmfallback.clients;

import dev.llmfallback.Failures;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * What the library concluded about the exception one real client threw for one {@link Case}, and where that
 * differs from SPEC §6 ({@link Spec}) and from what the client is known to expose.
 *
 * @param exception  the client's exception, simple class name
 * @param cause      its direct cause's simple class name, or empty; a timeout's {@code SocketTimeoutException}
 *                   is named by its supertype {@code InterruptedIOException}
 * @param requests   how many HTTP requests reached the fake
 * @param statusCode {@code Failures.statusCode}
 * @param retryAfter {@code Failures.retryAfter}
 * @param network    {@code Failures.isNetwork}
 * @param timeout    {@code Failures.isTimeout}
 * @param quota      {@code Failures.isQuotaOrBilling}
 * @param movesOn    each built-in predicate's decision
 * @param deviations where the above differs from what is expected, one readable line each; empty when none
 */
public record Measured(String exception, String cause, int requests, OptionalInt statusCode,
                       Optional<Duration> retryAfter, boolean network, boolean timeout, boolean quota,
                       Map<Predicate, Boolean> movesOn, List<String> deviations) {

    /** Classifies {@code failure}, thrown by {@code client} for {@code wireCase}, and compares. */
    public static Measured of(Throwable failure, int requests, Client client, Case wireCase) {
        Provider provider = client.provider();
        OptionalInt status = Failures.statusCode(failure);
        Optional<Duration> retryAfter = Failures.retryAfter(failure);
        boolean network = Failures.isNetwork(failure);
        boolean timeout = Failures.isTimeout(failure);
        boolean quota = Failures.isQuotaOrBilling(failure);
        Map<Predicate, Boolean> decisions = new EnumMap<>(Predicate.class);
        for (Predicate predicate : Predicate.values()) {
            decisions.put(predicate, predicate.movesOn(failure));
        }

        List<String> deviations = new ArrayList<>();
        int sent = wireCase.status(provider);
        OptionalInt expectedStatus = sent == 0 ? OptionalInt.empty() : OptionalInt.of(sent);
        compare(deviations, "statusCode", status, expectedStatus);
        Optional<Duration> expectedRetryAfter = client.exposesHeaders() ? wireCase.retryAfterSent() : Optional.empty();
        compare(deviations, "retryAfter", retryAfter, expectedRetryAfter);
        if (wireCase != Case.HANG) {
            // A hang's timeout may arrive inside an I/O exception that is also a network failure (the SDKs');
            // either way it moves on, so only its isTimeout is pinned.
            compare(deviations, "isNetwork", network, wireCase.isUnreachable());
        }
        compare(deviations, "isTimeout", timeout, wireCase == Case.HANG);
        compare(deviations, "isQuotaOrBilling", quota, wireCase == Case.QUOTA && quotaReadable(client));
        Map<Predicate, Boolean> expected = new EnumMap<>(Predicate.class);
        for (Predicate predicate : Predicate.values()) {
            expected.put(predicate, Spec.movesOn(sent).contains(predicate));
            compare(deviations, predicate.toString(), decision(decisions.get(predicate)),
                    decision(expected.get(predicate)));
        }
        compare(deviations, "sent", requests, client.expectedRequests(wireCase));
        return new Measured(failure.getClass().getSimpleName(), causeName(failure.getCause()),
                requests, status, retryAfter, network, timeout, quota, decisions, List.copyOf(deviations));
    }

    // A client whose call timeout and read timeout are set alike (the SDKs' timeout(Duration)) reports a hang by
    // whichever fires first: OkHttp's call timeout as an InterruptedIOException, the socket's read timeout as a
    // SocketTimeoutException, its subclass. Naming the common type keeps the table the same from run to run.
    private static String causeName(Throwable cause) {
        if (cause == null) {
            return "";
        }
        return cause instanceof InterruptedIOException ? "InterruptedIOException" : cause.getClass().getSimpleName();
    }

    // SPEC §6: a 402 (Anthropic's billing_error) is read by status, Bedrock's ServiceQuotaExceededException by
    // class, OpenAI's insufficient_quota by the error code where the client exposes it. Gemini's quota error is
    // a 429 RESOURCE_EXHAUSTED like its rate limit: nothing tells them apart but the body's details.
    private static boolean quotaReadable(Client client) {
        switch (client.provider()) {
            case ANTHROPIC:
            case BEDROCK:
                return true;
            case OPENAI:
                return client.exposesErrorCode();
            default:
                return false;
        }
    }

    private static void compare(List<String> deviations, String what, Object measured, Object expected) {
        if (!measured.equals(expected)) {
            deviations.add(what + ": " + measured + " (expected: " + expected + ")");
        }
    }

    static String decision(boolean movesOn) {
        return movesOn ? "next" : "stop";
    }

    /** The table's header and rule lines. */
    static List<String> tableHeader() {
        StringBuilder header = new StringBuilder("| on the wire | exception (← cause) | sent | `statusCode` | "
                + "`retryAfter` | `isNetwork` | `isTimeout` | `isQuotaOrBilling` |");
        StringBuilder rule = new StringBuilder("|---|---|---|---|---|---|---|---|");
        for (Predicate predicate : Predicate.values()) {
            header.append(' ').append(predicate).append(" |");
            rule.append("---|");
        }
        return List.of(header.toString(), rule.toString());
    }

    /** One row of the docs' table; a cell that differs from what is expected is marked ⚠. */
    String tableRow(String label) {
        List<String> cells = new ArrayList<>();
        cells.add(label);
        cells.add("`" + exception + (cause.isEmpty() ? "" : " ← " + cause) + "`");
        cells.add(flag(Integer.toString(requests), "sent"));
        cells.add(flag(statusCode.isPresent() ? Integer.toString(statusCode.getAsInt()) : "—", "statusCode"));
        cells.add(flag(retryAfter.map(d -> d.toSeconds() + " s").orElse("—"), "retryAfter"));
        cells.add(flag(yesNo(network), "isNetwork"));
        cells.add(flag(yesNo(timeout), "isTimeout"));
        cells.add(flag(yesNo(quota), "isQuotaOrBilling"));
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
