package dev.llmfallback.spring.internal;

import dev.llmfallback.internal.plan.AnnotatedChains;
import dev.llmfallback.internal.plan.ChainPlan;
import dev.llmfallback.spring.LlmFallbackProperties;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the {@code llm-fallback.providers.*} and {@code llm-fallback.chains.*} keys that name no provider label and no
 * chain of the context's beans, so that a typo fails the start-up instead of leaving a setting unapplied. Stateless.
 */
final class UnknownKeys {

    private UnknownKeys() {
    }

    /** One message per unknown key, with the known names and the closest one. */
    static List<String> of(LlmFallbackProperties properties, List<Method> heads) {
        Set<String> providers = new TreeSet<>();
        Set<String> chains = new TreeSet<>();
        for (Method head : heads) {
            ChainPlan plan = AnnotatedChains.head(head).planOrNull();
            if (plan != null) {
                providers.addAll(plan.chain().providers());
                chains.add(plan.chain().info().name());
            }
        }
        List<String> problems = new ArrayList<>();
        for (String provider : properties.getProviders().keySet()) {
            if (!providers.contains(provider)) {
                problems.add(message("providers", provider, "provider label", providers));
            }
        }
        for (String chain : properties.getChains().keySet()) {
            if (!chains.contains(chain)) {
                problems.add(message("chains", chain, "chain", chains));
            }
        }
        return problems;
    }

    private static String message(String group, String key, String what, Set<String> known) {
        String property = ChainSettings.PREFIX + "." + group + "." + PropertyOverrides.key(key);
        String closest = closest(key, known);
        return "Invalid " + property + ": no @LlmFallback chain of this context's beans has the " + what + " \"" + key
                + "\"" + (closest == null ? "" : "; did you mean \"" + closest + "\"?") + " Known: "
                + (known.isEmpty() ? "none" : String.join(", ", known)) + ". Fix: name a known " + what
                + (group.equals("chains") ? " (the head's Class.method, in brackets: " + ChainSettings.PREFIX
                        + ".chains.[Summaries.summarize].deadline)" : "") + ", or remove the setting.";
    }

    /** The known name nearest to {@code key} (case ignored), if it is near enough to be a typo of it. */
    private static String closest(String key, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= Math.max(2, key.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
