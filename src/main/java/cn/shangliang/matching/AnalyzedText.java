package cn.shangliang.matching;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The distinct content words and bigrams of one text as the matcher compares them, with everything the similarity needs
 * computed once: term weights, their sums, and the thesaurus meaning groups of each word.
 */
record AnalyzedText(
        String[] words,
        String[] bigrams,
        float[] wordWeights,
        float[] bigramWeights,
        double wordTotal,
        double bigramTotal,
        String[][] wordGroups,
        Set<String> wordSet,
        Set<String> bigramSet,
        Set<String> groups) {

    static AnalyzedText of(String[] words, String[] bigrams, TermWeights weights) {
        Thesaurus thesaurus = Thesaurus.get();
        float[] ww = new float[words.length];
        String[][] wordGroups = new String[words.length][];
        Set<String> groups = new HashSet<>();
        double wordTotal = 0;
        for (int i = 0; i < words.length; i++) {
            ww[i] = (float) weights.word(words[i]);
            wordTotal += ww[i];
            wordGroups[i] = thesaurus.groups(words[i]);
            groups.addAll(Arrays.asList(wordGroups[i]));
        }
        float[] bw = new float[bigrams.length];
        double bigramTotal = 0;
        for (int i = 0; i < bigrams.length; i++) {
            bw[i] = (float) weights.bigram(bigrams[i]);
            bigramTotal += bw[i];
        }
        return new AnalyzedText(
                words,
                bigrams,
                ww,
                bw,
                wordTotal,
                bigramTotal,
                wordGroups,
                new HashSet<>(Arrays.asList(words)),
                new HashSet<>(Arrays.asList(bigrams)),
                groups.isEmpty() ? Set.of() : groups);
    }

    boolean isEmpty() {
        return words.length == 0 && bigrams.length == 0;
    }
}
