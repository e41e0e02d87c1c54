package dev.llmfallback.internal.health;

import dev.llmfallback.HealthPolicy;
import dev.llmfallback.NoCooldown;

/** Makes a link's {@link LinkHealth}. Stateless. */
public final class LinkHealths {

    private LinkHealths() {
    }

    /**
     * A link's health, or none.
     *
     * @param policy   the link's policy
     * @param provider its provider label
     * @param registry where its provider's health lives
     * @return its health, or {@code null} for {@link NoCooldown}, whose links read no health at all
     */
    public static LinkHealth of(HealthPolicy policy, String provider, HealthRegistry registry) {
        return policy instanceof NoCooldown ? null : new LinkHealth(policy, registry.cell(provider));
    }
}
