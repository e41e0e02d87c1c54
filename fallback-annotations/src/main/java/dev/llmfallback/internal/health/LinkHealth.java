package dev.llmfallback.internal.health;

import dev.llmfallback.HealthPolicy;
import java.util.Objects;

/**
 * A link's health: the policy that judges its failures and the cell of its provider label. Immutable.
 *
 * @param policy the link's policy (never {@link dev.llmfallback.NoCooldown}: such a link has no health)
 * @param cell   its provider's cell
 */
public record LinkHealth(HealthPolicy policy, ProviderCell cell) {

    /**
     * Checks the components.
     *
     * @param policy not {@code null}
     * @param cell   not {@code null}
     */
    public LinkHealth {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(cell, "cell");
    }
}
