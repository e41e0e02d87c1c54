package dev.llmfallback.clients;

import dev.llmfallback.Always;
import dev.llmfallback.NetworkErrors;
import dev.llmfallback.ProviderFaults;
import dev.llmfallback.RateLimited;
import dev.llmfallback.RetryableOnly;
import dev.llmfallback.ServerErrors;
import dev.llmfallback.SkipPredicate;

/** The built-in predicates of SPEC §6, in the order the docs' tables show them. */
public enum Predicate {

    RETRYABLE_ONLY("RetryableOnly", RetryableOnly.INSTANCE),
    PROVIDER_FAULTS("ProviderFaults", ProviderFaults.INSTANCE),
    RATE_LIMITED("RateLimited", RateLimited.INSTANCE),
    SERVER_ERRORS("ServerErrors", ServerErrors.INSTANCE),
    NETWORK_ERRORS("NetworkErrors", NetworkErrors.INSTANCE),
    ALWAYS("Always", Always.INSTANCE);

    private final String className;
    private final SkipPredicate instance;

    Predicate(String className, SkipPredicate instance) {
        this.className = className;
        this.instance = instance;
    }

    /** The predicate's decision: {@code true} = the chain moves on. */
    public boolean movesOn(Throwable failure) {
        return instance.shouldSkip(failure);
    }

    @Override
    public String toString() {
        return className;
    }
}
