package cn.shangliang.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The similarity of a concern and a topic in [0, 1], from features that are shares of weighted terms (so they do not
 * depend on text length or on how many topics there are):
 *
 * <ul>
 *   <li>query coverage: how much of the concern's content (words and bigrams) the topic contains;
 *   <li>title coverage: how much of the topic's title (its key terms) the concern contains.
 * </ul>
 *
 * A word the other text lacks but whose thesaurus synonym it has counts for {@link #SYNONYM} of its weight.
 */
final class Similarity {

    static final double SYNONYM = 0.8;

    private Similarity() {}

    static MatchFeatures features(AnalyzedText query, IndexedTopic topic, TermWeights weights) {
        AnalyzedText all = topic.all();
        AnalyzedText title = topic.title();
        double qw = coverage(query.words(), all.wordSet(), all.groups(), weights, true);
        double qb = coverage(query.bigrams(), all.bigramSet(), Set.of(), weights, false);
        double tw = coverage(title.words(), query.wordSet(), query.groups(), weights, true);
        double tb = coverage(title.bigrams(), query.bigramSet(), Set.of(), weights, false);
        double aw = coverage(all.words(), query.wordSet(), query.groups(), weights, true);
        double ab = coverage(all.bigrams(), query.bigramSet(), Set.of(), weights, false);
        return new MatchFeatures(qw, qb, (tw + tb) / 2, (aw + ab) / 2, shared(query, all, weights));
    }

    /** The weighted share of {@code terms} found in {@code other} (or, for words, synonymous with one of it). */
    private static double coverage(
            String[] terms, Set<String> other, Set<String> otherGroups, TermWeights weights, boolean words) {
        double total = 0;
        double found = 0;
        Thesaurus thesaurus = Thesaurus.get();
        for (String term : terms) {
            double w = words ? weights.word(term) : weights.bigram(term);
            total += w;
            if (other.contains(term)) {
                found += w;
            } else if (words && !otherGroups.isEmpty() && anyIn(thesaurus.groups(term), otherGroups)) {
                found += SYNONYM * w;
            }
        }
        return total == 0 ? 0 : found / total;
    }

    private static boolean anyIn(String[] groups, Set<String> other) {
        for (String g : groups) {
            if (other.contains(g)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> shared(AnalyzedText query, AnalyzedText topic, TermWeights weights) {
        List<String> out = new ArrayList<>();
        for (String word : query.words()) {
            if (topic.wordSet().contains(word)) {
                out.add(word);
            }
        }
        out.sort(Comparator.comparingDouble(weights::word).reversed());
        return out.size() > 8 ? List.copyOf(out.subList(0, 8)) : List.copyOf(out);
    }

    /**
     * The combined similarity in [0, 1]: mostly how much of what the resident said the topic covers (words count more
     * than bigrams, which mainly rescue typos and odd segmentation), partly how much of the topic the resident named.
     */
    static double combine(MatchFeatures f) {
        double query = 0.7 * f.queryWords() + 0.3 * f.queryBigrams();
        double topic = 0.5 * f.titleCoverage() + 0.5 * f.topicCoverage();
        double s = 0.7 * query + 0.3 * topic;
        return Math.clamp(s, 0, 1);
    }
}
