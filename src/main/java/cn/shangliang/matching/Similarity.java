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

    static MatchFeatures features(AnalyzedText query, IndexedTopic topic) {
        AnalyzedText all = topic.all();
        AnalyzedText title = topic.title();
        double qw = wordCoverage(query, all);
        double qb = bigramCoverage(query, all);
        double tw = wordCoverage(title, query);
        double tb = bigramCoverage(title, query);
        double aw = wordCoverage(all, query);
        double ab = bigramCoverage(all, query);
        return new MatchFeatures(qw, qb, (tw + tb) / 2, (aw + ab) / 2, shared(query, all));
    }

    /** The weighted share of the words of {@code a} found in {@code b}, or synonymous with one of b's. */
    private static double wordCoverage(AnalyzedText a, AnalyzedText b) {
        if (a.wordTotal() == 0) {
            return 0;
        }
        double found = 0;
        String[] words = a.words();
        for (int i = 0; i < words.length; i++) {
            if (b.wordSet().contains(words[i])) {
                found += a.wordWeights()[i];
            } else if (!b.groups().isEmpty() && anyIn(a.wordGroups()[i], b.groups())) {
                found += SYNONYM * a.wordWeights()[i];
            }
        }
        return found / a.wordTotal();
    }

    /** The weighted share of the bigrams of {@code a} found in {@code b}. */
    private static double bigramCoverage(AnalyzedText a, AnalyzedText b) {
        if (a.bigramTotal() == 0) {
            return 0;
        }
        double found = 0;
        String[] bigrams = a.bigrams();
        for (int i = 0; i < bigrams.length; i++) {
            if (b.bigramSet().contains(bigrams[i])) {
                found += a.bigramWeights()[i];
            }
        }
        return found / a.bigramTotal();
    }

    private static boolean anyIn(String[] groups, Set<String> other) {
        for (String g : groups) {
            if (other.contains(g)) {
                return true;
            }
        }
        return false;
    }

    /** The query's words that the topic has, most telling first (at most 8). */
    static List<String> shared(AnalyzedText query, AnalyzedText topic) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < query.words().length; i++) {
            if (topic.wordSet().contains(query.words()[i])) {
                found.add(i);
            }
        }
        found.sort(Comparator.comparingDouble(i -> -query.wordWeights()[i]));
        List<String> out = new ArrayList<>(Math.min(8, found.size()));
        for (int i = 0; i < found.size() && i < 8; i++) {
            out.add(query.words()[found.get(i)]);
        }
        return out;
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
