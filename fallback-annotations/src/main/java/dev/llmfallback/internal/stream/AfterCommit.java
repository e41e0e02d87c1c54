package dev.llmfallback.internal.stream;

import dev.llmfallback.internal.health.LinkHealth;
import dev.llmfallback.internal.health.ProviderCell;
import dev.llmfallback.internal.run.Link;

/**
 * Tells provider health (SPEC §9) that a committed provider failed after the commit: the rule core saw the
 * attempt succeed at its commit point, but a provider that breaks off its streams is as unhealthy as one that
 * fails before them. Judged as the rule core judges a failure before the commit: the link's {@code skipOn}
 * says whether it is the provider's fault (a failure it would have moved on from), the link's policy whether
 * it cools. {@link Error}s are not the provider's, and a predicate that throws leaves health alone. Not API.
 * Stateless and thread-safe.
 */
final class AfterCommit {

    private AfterCommit() {
    }

    /**
     * Reports a failure after the commit to the link's provider health, if it has any.
     *
     * @param link    the committed link, or {@code null} when unknown
     * @param failure the provider's failure (a timeout for an idle timeout)
     */
    static void failed(Link link, Throwable failure) {
        LinkHealth health = link == null ? null : link.health();
        if (health == null || failure instanceof Error) {
            return;
        }
        boolean movedOn;
        try {
            movedOn = link.skipOn().shouldSkip(failure);
        } catch (RuntimeException | Error predicateFailed) {
            return;
        }
        ProviderCell cell = health.cell();
        // An ordinary call's ticket: the commit already settled any probe this attempt was.
        cell.failed(health.policy(), failure, movedOn, ProviderCell.RUN, cell.registry().nanoTime());
    }
}
