package cn.shangliang.matching;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How much a shared term says about two texts being the same matter, in [0, 1].
 *
 * <p>The weight is the information of the term in general Chinese ({@link BackgroundFrequencies}): {@code ln(N / (f +
 * 1))} less a floor, scaled to [0, 1], so that everyday words ("说", "晚上") weigh little and specific ones ("泵站",
 * "水葫芦") much. A bigram that is not a dictionary word (most cross-word bigrams) gets a fixed low weight. Weights do
 * not depend on the topics indexed, so a similarity means the same in a village with 20 topics as in a city with
 * 100,000 (document frequencies of a few dozen topics are mostly noise, and would move every threshold as the city's
 * topics grow).
 */
final class TermWeights {

    static final double FLOOR = 5;
    static final double NON_WORD_BIGRAM = 0.3;
    private static final double MIN = 0.02;
    private static final int MAX_CACHED = 200_000;

    private final BackgroundFrequencies background = BackgroundFrequencies.get();
    private final double scale;
    private final ConcurrentHashMap<String, Double> cache = new ConcurrentHashMap<>();

    TermWeights() {
        this.scale = Math.log(background.total()) - FLOOR;
    }

    double word(String term) {
        return info(term);
    }

    double bigram(String term) {
        double w = background.contains(term) ? info(term) : NON_WORD_BIGRAM;
        return w;
    }

    private double info(String term) {
        Double cached = cache.get(term);
        if (cached != null) {
            return cached;
        }
        double bits = Math.log((double) background.total() / (background.count(term) + 1)) - FLOOR;
        double w = Math.clamp(bits / scale, MIN, 1);
        if (cache.size() < MAX_CACHED) { // residents' text is unbounded; the cache is not
            cache.put(term, w);
        }
        return w;
    }
}
