package dev.llmfallback;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ProviderHealthStore} in memory, on a given clock, keeping the contract (later deadline wins per
 * provider, scope and, for instance findings, instance; facts gone at their deadline), for the engine's tests of
 * sharing. It can be switched off to play an unreachable store. fallback-health-redis tests the real one.
 */
final class MemoryHealthStore implements ProviderHealthStore {

    private final Clock wall;
    private final Map<String, Fact> facts = new LinkedHashMap<>();
    private boolean down;
    int publishes;
    int reads;

    MemoryHealthStore(Clock wall) {
        this.wall = wall;
    }

    synchronized void down(boolean down) {
        this.down = down;
    }

    synchronized List<Fact> all() {
        expire();
        return new ArrayList<>(facts.values());
    }

    @Override
    public synchronized void publish(Fact fact) throws Exception {
        if (down) {
            throw new java.net.ConnectException("store down (test)");
        }
        publishes++;
        String key = fact.provider() + "/" + fact.scope()
                + (fact.scope() == Scope.INSTANCE ? "/" + fact.instance() : "");
        facts.merge(key, fact, (old, now) -> now.coolingUntil().isAfter(old.coolingUntil()) ? now : old);
    }

    @Override
    public synchronized Map<String, List<Fact>> read(Collection<String> providers) throws Exception {
        if (down) {
            throw new java.net.ConnectException("store down (test)");
        }
        reads++;
        expire();
        List<Fact> asked = new ArrayList<>();
        for (Fact fact : facts.values()) {
            if (providers.contains(fact.provider())) {
                asked.add(fact);
            }
        }
        return ProviderHealthStore.byProvider(asked);
    }

    private void expire() {
        facts.values().removeIf(fact -> !fact.coolingUntil().isAfter(wall.instant()));
    }
}
