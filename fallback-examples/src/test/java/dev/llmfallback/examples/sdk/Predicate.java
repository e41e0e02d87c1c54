package dev.llmfallback.examples.sdk;

import dev.llmfallback.Always;
import dev.llmfallback.NetworkErrors;
import dev.llmfallback.ProviderFaults;
import dev.llmfallback.RateLimited;
import dev.llmfallback.RetryableOnly;
import dev.llmfallback.ServerErrors;
import dev.llmfallback.SkipPredicate;
import java.util.Arrays;

/** The built-in predicates of SPEC §6, in the order the docs' table shows them. */
enum Predicate {

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

    static Predicate named(String className) {
        return Arrays.stream(values()).filter(p -> p.className.equals(className)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no built-in predicate " + className));
    }

    boolean movesOn(Throwable failure) {
        return instance.shouldSkip(failure);
    }

    @Override
    public String toString() {
        return className;
    }
}
