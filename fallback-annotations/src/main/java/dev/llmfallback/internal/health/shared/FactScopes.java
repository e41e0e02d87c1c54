package dev.llmfallback.internal.health.shared;

import dev.llmfallback.ProviderHealthStore.Scope;

/**
 * Which failures the provider itself is known for (SPEC §10). A status the provider answered with — 429, 529,
 * 503, 402, 401, 403, 404, a quota or billing error — is the provider's word, and the whole fleet heeds it at
 * once. Anything else that cooled a provider (a timeout, a network failure, another 5xx, which a proxy in front
 * of one instance may have made up) may be one instance's own trouble, and counts only towards a quorum.
 * Stateless.
 */
final class FactScopes {

    private FactScopes() {
    }

    /**
     * The scope of a cooldown.
     *
     * @param status         the failure's HTTP status, or -1
     * @param quotaOrBilling whether the failure is a quota or billing error
     * @return its scope
     */
    static Scope of(int status, boolean quotaOrBilling) {
        if (quotaOrBilling) {
            return Scope.PROVIDER;
        }
        switch (status) {
            case 401:
            case 402:
            case 403:
            case 404:
            case 429:
            case 503:
            case 529:
                return Scope.PROVIDER;
            default:
                return Scope.INSTANCE;
        }
    }
}
