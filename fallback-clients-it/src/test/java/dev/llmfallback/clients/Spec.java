package dev.llmfallback.clients;

import java.util.EnumSet;
import java.util.Set;

/**
 * What SPEC §6 says the built-in predicates decide, written out from the SPEC's words, not computed by the
 * code under test: a status decides alone; without one, a network failure or a timeout moves on.
 */
public final class Spec {

    private Spec() {
    }

    /**
     * The built-ins that move on for a failure with HTTP {@code status}, or for a network failure or timeout
     * when {@code status} is 0. All others stop.
     */
    public static Set<Predicate> movesOn(int status) {
        Set<Predicate> moves = EnumSet.of(Predicate.ALWAYS);
        if (status == 0) {
            moves.add(Predicate.RETRYABLE_ONLY);
            moves.add(Predicate.PROVIDER_FAULTS);
            moves.add(Predicate.NETWORK_ERRORS);
            return moves;
        }
        boolean retryable = status == 408 || status == 409 || status == 425 || status == 429
                || (status >= 500 && status <= 599);
        if (retryable) {
            moves.add(Predicate.RETRYABLE_ONLY);
            moves.add(Predicate.PROVIDER_FAULTS);
        }
        if (status == 401 || status == 402 || status == 403 || status == 404) {
            moves.add(Predicate.PROVIDER_FAULTS);
        }
        if (status == 429) {
            moves.add(Predicate.RATE_LIMITED);
        }
        if (status >= 500 && status <= 599) {
            moves.add(Predicate.SERVER_ERRORS);
        }
        return moves;
    }
}
