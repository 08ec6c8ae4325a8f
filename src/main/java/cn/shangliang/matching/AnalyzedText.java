package cn.shangliang.matching;

/** The distinct content words and bigrams of one text, as the matcher compares them. */
record AnalyzedText(String[] words, String[] bigrams) {

    static final AnalyzedText EMPTY = new AnalyzedText(new String[0], new String[0]);

    boolean isEmpty() {
        return words.length == 0 && bigrams.length == 0;
    }
}
