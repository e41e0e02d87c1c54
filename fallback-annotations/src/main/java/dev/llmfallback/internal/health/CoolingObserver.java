package dev.llmfallback.internal.health;

import dev.llmfallback.HealthPolicy;

/**
 * Told of every cooldown a failed attempt started or lengthened: how a shared store (SPEC §10) learns what to
 * publish. Called on the thread that saw the failure, after the cell changed: must be quick and must not
 * block (hand the work to another thread); its exceptions are ignored.
 */
@FunctionalInterface
public interface CoolingObserver {

    /**
     * A cell cooled because of a failure.
     *
     * @param cell     the provider's cell
     * @param failure  what the attempt ended with (may quote the prompt in its message: read its status, never
     *                 keep it)
     * @param cooldown the policy's decision
     * @param until    the cell's new deadline, a reading of its registry's clock
     */
    void cooled(ProviderCell cell, Throwable failure, HealthPolicy.Cooldown cooldown, long until);
}
