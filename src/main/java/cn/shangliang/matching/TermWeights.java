package cn.shangliang.matching;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Document frequencies of the open topics and the term weights derived from them.
 *
 * <p>The weight is an inverse document frequency on the share of topics that contain a term, {@code -ln(max(df/N,
 * 1/RARE))}, which depends on how common a term is, not on how many topics there are; every term rarer than one topic in
 * {@value #RARE} (including one no topic has) weighs the same. So a similarity built from these weights means about the
 * same in a village with 20 topics as in a city with 100,000.
 */
final class TermWeights {

    static final double RARE = 200;
    private static final double MAX = Math.log(RARE);

    private final ConcurrentHashMap<String, Integer> wordDf = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> bigramDf = new ConcurrentHashMap<>();
    private volatile int topics;

    void add(AnalyzedText text) {
        count(wordDf, text.words(), 1);
        count(bigramDf, text.bigrams(), 1);
        topics++;
    }

    void remove(AnalyzedText text) {
        count(wordDf, text.words(), -1);
        count(bigramDf, text.bigrams(), -1);
        topics--;
    }

    void clear() {
        wordDf.clear();
        bigramDf.clear();
        topics = 0;
    }

    int topics() {
        return topics;
    }

    double word(String term) {
        return weight(wordDf.getOrDefault(term, 0));
    }

    double bigram(String term) {
        return weight(bigramDf.getOrDefault(term, 0));
    }

    private double weight(int df) {
        int n = Math.max(topics, 1);
        double share = Math.max((double) df / n, 1 / RARE);
        return Math.max(-Math.log(share), 0.05) / MAX;
    }

    private static void count(ConcurrentHashMap<String, Integer> df, String[] terms, int delta) {
        for (String term : terms) {
            df.merge(term, delta, (a, b) -> a + b == 0 ? null : a + b);
        }
    }
}
