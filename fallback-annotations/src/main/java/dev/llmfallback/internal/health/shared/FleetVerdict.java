package dev.llmfallback.internal.health.shared;

import dev.llmfallback.ProviderHealthStore.Fact;
import dev.llmfallback.ProviderHealthStore.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the fleet's facts about one provider tell an instance to do (SPEC §10): cool it until when, and why.
 * A provider's own word ({@link Scope#PROVIDER}) counts at once, the latest deadline winning; findings of
 * single instances ({@link Scope#INSTANCE}) count only when at least {@code quorum} distinct instances have one
 * live at the same time, and then as the provider's word does: until the latest of their deadlines. The
 * instances whose findings are the {@code quorum} latest are the quorum's owners: they keep their own cooldowns
 * and probe when those end, so that each cycle of an outage is confirmed afresh by a quorum of instances, not by
 * one (whose own network may be what fails); the others wait until after the last of those probes. Likewise the
 * provider's word: the instance that published the latest keeps its own cooldown and probes first. An instance
 * gets no verdict for what it owns.
 * Immutable.
 *
 * @param until  until when
 * @param reason why, log-safe
 * @param hard   whether a probe cannot soon overturn it
 */
record FleetVerdict(Instant until, String reason, boolean hard) {

    private static final Comparator<Fact> LATEST_FIRST = Comparator.comparing(Fact::coolingUntil).reversed();

    /**
     * The verdict of some facts.
     *
     * @param facts    the live facts about one provider, may be {@code null}
     * @param quorum   at least 1
     * @param self     this instance's id
     * @param now      the wall clock now: facts that ended before are ignored
     * @return the verdict, or {@code null} when there is none for this instance to adopt
     */
    static FleetVerdict of(Collection<Fact> facts, int quorum, String self, Instant now) {
        if (facts == null || facts.isEmpty()) {
            return null;
        }
        Fact provider = null;
        Map<String, Fact> byInstance = new HashMap<>();
        for (Fact fact : facts) {
            if (!fact.coolingUntil().isAfter(now)) {
                continue;
            }
            if (fact.scope() == Scope.PROVIDER) {
                if (provider == null || fact.coolingUntil().isAfter(provider.coolingUntil())) {
                    provider = fact;
                }
            } else {
                byInstance.merge(fact.instance(), fact,
                        (a, b) -> b.coolingUntil().isAfter(a.coolingUntil()) ? b : a);
            }
        }
        FleetVerdict said = provider == null || provider.instance().equals(self)
                ? null
                : new FleetVerdict(provider.coolingUntil(), "fleet: " + provider.reason(), provider.hard());
        FleetVerdict agreed = null;
        if (byInstance.size() >= quorum) {
            List<Fact> latestFirst = new ArrayList<>(byInstance.values());
            latestFirst.sort(LATEST_FIRST);
            boolean owner = false;
            for (int k = 0; k < quorum; k++) {
                owner |= latestFirst.get(k).instance().equals(self);
            }
            Fact deciding = latestFirst.get(0);
            if (!owner) {
                agreed = new FleetVerdict(deciding.coolingUntil(),
                        "fleet, " + byInstance.size() + " instances: " + deciding.reason(), false);
            }
        }
        if (said == null) {
            return agreed;
        }
        return agreed == null || !agreed.until.isAfter(said.until) ? said : agreed;
    }
}
