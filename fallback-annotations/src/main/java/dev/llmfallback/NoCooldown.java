package dev.llmfallback;

/**
 * The default {@link HealthPolicy}: never cools a provider, so every call tries every link in order, exactly as
 * SPEC §4 describes; the engine then reads no health at all. Stateless and thread-safe.
 */
public final class NoCooldown implements HealthPolicy {

    /** The shared instance. */
    public static final NoCooldown INSTANCE = new NoCooldown();

    /** Creates the policy; {@link #INSTANCE} serves as well. */
    public NoCooldown() {
    }

    @Override
    public Cooldown cooldown(Throwable failure, boolean movedOn, Streak streak) {
        return Cooldown.NONE;
    }
}
