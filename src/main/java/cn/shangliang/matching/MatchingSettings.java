package cn.shangliang.matching;

/**
 * Thresholds of the match decision (config key {@code matching:}). Similarities are in [0, 1].
 *
 * @param matchThreshold a best candidate at or above this similarity may be joined without asking
 * @param minMargin ... and only when it leads the second candidate by at least this much
 * @param askThreshold below this the concern is new; between this and a confident match the resident is asked
 * @param maxCandidates how many candidates an ask shows (at most 3)
 * @param retrievalDepth how many in-scope topics the first, lexical stage passes on to the similarity
 */
public record MatchingSettings(
        double matchThreshold, double minMargin, double askThreshold, int maxCandidates, int retrievalDepth) {

    /** Thresholds for the lexical similarity alone. */
    public static final MatchingSettings DEFAULTS = new MatchingSettings(0.28, 0.05, 0.18, 3, 20);

    /**
     * Thresholds for the similarity re-scored by meaning ({@link SemanticReranker} with weight 0.5), chosen on the
     * development set with and without its 316 distractor topics (docs/matching.md).
     */
    public static final MatchingSettings SEMANTIC = new MatchingSettings(0.38, 0.03, 0.34, 3, 20);

    public MatchingSettings {
        requireUnit("match_threshold", matchThreshold);
        requireUnit("min_margin", minMargin);
        requireUnit("ask_threshold", askThreshold);
        if (askThreshold > matchThreshold) {
            throw new IllegalArgumentException("matching.ask_threshold (" + askThreshold
                    + ") must not exceed matching.match_threshold (" + matchThreshold + ")");
        }
        if (maxCandidates < 1 || maxCandidates > 3) {
            throw new IllegalArgumentException("matching.max_candidates must be 1..3, was " + maxCandidates);
        }
        if (retrievalDepth < maxCandidates || retrievalDepth > 1000) {
            throw new IllegalArgumentException(
                    "matching.retrieval_depth must be max_candidates..1000, was " + retrievalDepth);
        }
    }

    private static void requireUnit(String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("matching." + key + " must be in [0, 1], was " + value);
        }
    }
}
