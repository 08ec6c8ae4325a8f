package cn.shangliang.matching;

import java.util.List;

/**
 * The evidence behind one concern-topic similarity, each a share in [0, 1] of weighted terms.
 *
 * @param queryWords share of the concern's content words that the topic contains
 * @param queryBigrams share of the concern's character bigrams that the topic contains
 * @param titleCoverage share of the topic title's terms that the concern contains
 * @param topicCoverage share of the topic's whole text that the concern contains
 * @param sharedTerms words in both, most telling first
 */
public record MatchFeatures(
        double queryWords, double queryBigrams, double titleCoverage, double topicCoverage, List<String> sharedTerms) {}
