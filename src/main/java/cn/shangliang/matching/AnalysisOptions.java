package cn.shangliang.matching;

/**
 * Which parts of the Chinese analysis are switched on. Production uses {@link #all()}; the other combinations exist to
 * measure what each part adds (the ablation in docs/PERFORMANCE.md).
 *
 * @param normalise ICU NFKC case folding (full-width to half-width, upper to lower case) and Traditional to Simplified
 * @param words smartcn word segmentation (field {@link ChineseAnalyzer#WORDS})
 * @param bigrams character bigrams (field {@link ChineseAnalyzer#BIGRAMS})
 * @param stopWords drop function words and chat fillers
 * @param synonyms rewrite synonyms to one canonical form before segmentation
 */
public record AnalysisOptions(boolean normalise, boolean words, boolean bigrams, boolean stopWords, boolean synonyms) {

    public AnalysisOptions {
        if (!words && !bigrams) {
            throw new IllegalArgumentException("analysis needs words or bigrams (or both)");
        }
    }

    public static AnalysisOptions all() {
        return new AnalysisOptions(true, true, true, true, true);
    }

    public AnalysisOptions withNormalise(boolean on) {
        return new AnalysisOptions(on, words, bigrams, stopWords, synonyms);
    }

    public AnalysisOptions withWords(boolean on) {
        return new AnalysisOptions(normalise, on, bigrams, stopWords, synonyms);
    }

    public AnalysisOptions withBigrams(boolean on) {
        return new AnalysisOptions(normalise, words, on, stopWords, synonyms);
    }

    public AnalysisOptions withStopWords(boolean on) {
        return new AnalysisOptions(normalise, words, bigrams, on, synonyms);
    }

    public AnalysisOptions withSynonyms(boolean on) {
        return new AnalysisOptions(normalise, words, bigrams, stopWords, on);
    }
}
