package cn.shangliang.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The similarity of a concern and a topic in [0, 1], from features that are shares of weighted terms (so they do not
 * depend on text length or on how many topics there are):
 *
 * <ul>
 *   <li>query coverage: how much of the concern's content (words and bigrams) the topic contains;
 *   <li>title coverage: how much of the topic's title (its key terms) the concern contains;
 *   <li>topic coverage: how much of the topic's whole text the concern contains.
 * </ul>
 */
final class Similarity {

    private Similarity() {}

    static MatchFeatures features(AnalyzedText query, IndexedTopic topic, TermWeights weights) {
        Set<String> topicWords = new HashSet<>(Arrays.asList(topic.all().words()));
        Set<String> topicBigrams = new HashSet<>(Arrays.asList(topic.all().bigrams()));
        Set<String> queryWords = new HashSet<>(Arrays.asList(query.words()));
        Set<String> queryBigrams = new HashSet<>(Arrays.asList(query.bigrams()));

        double qw = coverage(query.words(), topicWords, weights, true);
        double qb = coverage(query.bigrams(), topicBigrams, weights, false);
        double title = (coverage(topic.title().words(), queryWords, weights, true)
                        + coverage(topic.title().bigrams(), queryBigrams, weights, false))
                / 2;
        double whole = (coverage(topic.all().words(), queryWords, weights, true)
                        + coverage(topic.all().bigrams(), queryBigrams, weights, false))
                / 2;
        return new MatchFeatures(qw, qb, title, whole, shared(query, topicWords, weights));
    }

    /** The weighted share of {@code terms} found in {@code other}; 0 for no terms. */
    private static double coverage(String[] terms, Set<String> other, TermWeights weights, boolean words) {
        double total = 0;
        double found = 0;
        for (String term : terms) {
            double w = words ? weights.word(term) : weights.bigram(term);
            total += w;
            if (other.contains(term)) {
                found += w;
            }
        }
        return total == 0 ? 0 : found / total;
    }

    private static List<String> shared(AnalyzedText query, Set<String> topicWords, TermWeights weights) {
        List<String> out = new ArrayList<>();
        for (String word : query.words()) {
            if (topicWords.contains(word)) {
                out.add(word);
            }
        }
        out.sort(Comparator.comparingDouble(weights::word).reversed());
        return out.size() > 8 ? List.copyOf(out.subList(0, 8)) : List.copyOf(out);
    }

    /** The combined similarity in [0, 1]. */
    static double combine(MatchFeatures f) {
        double query = 0.5 * f.queryWords() + 0.5 * f.queryBigrams();
        double topic = 0.7 * f.titleCoverage() + 0.3 * f.topicCoverage();
        double s = 0.6 * query + 0.4 * topic;
        return Math.clamp(s, 0, 1);
    }
}
