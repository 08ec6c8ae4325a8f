package cn.shangliang.matching;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The distinct content words and bigrams of one text, as the matcher compares them, with the thesaurus meaning groups
 * of its words.
 */
record AnalyzedText(String[] words, String[] bigrams, Set<String> wordSet, Set<String> bigramSet, Set<String> groups) {

    static AnalyzedText of(String[] words, String[] bigrams) {
        Set<String> groups = new HashSet<>();
        Thesaurus thesaurus = Thesaurus.get();
        for (String word : words) {
            groups.addAll(Arrays.asList(thesaurus.groups(word)));
        }
        return new AnalyzedText(
                words, bigrams, new HashSet<>(Arrays.asList(words)), new HashSet<>(Arrays.asList(bigrams)), groups);
    }

    boolean isEmpty() {
        return words.length == 0 && bigrams.length == 0;
    }
}
