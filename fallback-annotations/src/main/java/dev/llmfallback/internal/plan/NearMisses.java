package dev.llmfallback.internal.plan;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The names closest to a misspelt one, for "did you mean" hints. Stateless and thread-safe. */
final class NearMisses {

    private NearMisses() {
    }

    /**
     * Up to three names within a small edit distance of {@code wanted} (case differences cost nothing
     * extra beyond one edit), nearest first.
     */
    static List<String> of(String wanted, List<String> names) {
        int budget = Math.max(2, wanted.length() / 3);
        return names.stream()
                .filter(name -> distance(wanted, name) <= budget)
                .sorted(Comparator.comparingInt((String name) -> distance(wanted, name)).thenComparing(name -> name))
                .limit(3)
                .collect(Collectors.toList());
    }

    static int distance(String a, String b) {
        if (a.equalsIgnoreCase(b)) {
            return a.equals(b) ? 0 : 1;
        }
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        int[] previous = new int[y.length() + 1];
        int[] current = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length()];
    }
}
