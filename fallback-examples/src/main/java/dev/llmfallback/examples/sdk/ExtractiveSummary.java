package dev.llmfallback.examples.sdk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A frequency-based extractive summary: the sentences whose words occur most often in the whole text, in
 * their original order. What a chain can always fall back on: deterministic, instant, no network, no model.
 * Stateless and thread-safe.
 */
public final class ExtractiveSummary {

    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "could", "do", "does", "for", "from",
            "had", "has", "have", "how", "if", "in", "into", "is", "it", "its", "may", "no", "not", "of", "on",
            "one", "only", "or", "our", "so", "than", "that", "the", "their", "them", "then", "there", "these",
            "they", "this", "those", "to", "was", "we", "were", "what", "when", "which", "while", "who", "why",
            "will", "with", "would", "you", "your");

    private ExtractiveSummary() {
    }

    /**
     * Summarises {@code text} by its {@code sentences} most representative sentences.
     *
     * @param text      the text, any length; blank gives ""
     * @param sentences how many sentences to keep, at least 1
     * @return the chosen sentences in their original order, separated by one space
     */
    public static String of(String text, int sentences) {
        if (sentences < 1) {
            throw new IllegalArgumentException("sentences must be at least 1, not " + sentences);
        }
        List<String> all = sentencesOf(text);
        if (all.size() <= sentences) {
            return String.join(" ", all);
        }
        Map<String, Integer> frequency = new HashMap<>();
        for (String sentence : all) {
            for (String word : wordsOf(sentence)) {
                frequency.merge(word, 1, Integer::sum);
            }
        }
        List<Double> scores = new ArrayList<>();
        for (String sentence : all) {
            List<String> words = wordsOf(sentence);
            double score = words.stream().mapToInt(word -> frequency.getOrDefault(word, 0)).sum();
            scores.add(words.isEmpty() ? 0 : score / Math.sqrt(words.size()));
        }
        // Best score first; ties go to the earlier sentence, so the result never depends on anything but the text.
        return IntStream.range(0, all.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> scores.get(i)).reversed().thenComparing(i -> i))
                .limit(sentences)
                .sorted()
                .map(all::get)
                .collect(Collectors.joining(" "));
    }

    private static List<String> sentencesOf(String text) {
        List<String> sentences = new ArrayList<>();
        for (String sentence : text.strip().split("(?<=[.!?])\\s+")) {
            if (!sentence.isBlank()) {
                sentences.add(sentence.strip());
            }
        }
        return sentences;
    }

    private static List<String> wordsOf(String sentence) {
        List<String> words = new ArrayList<>();
        for (String word : sentence.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() > 1 && !STOP_WORDS.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }
}
