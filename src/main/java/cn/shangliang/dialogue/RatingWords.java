package cn.shangliang.dialogue;

import cn.shangliang.consultation.ConcernDesk;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The words that answer "how satisfied are you?" (config {@code ratings:}); the longest word found decides. */
public final class RatingWords {

    private final Map<ConcernDesk.Rating, List<String>> words;

    public RatingWords(Map<ConcernDesk.Rating, List<String>> words) {
        this.words = Map.copyOf(words);
    }

    public static RatingWords none() {
        return new RatingWords(Map.of());
    }

    /** The rating said in {@code text}: "不满意" beats "满意" because it is longer. */
    public Optional<ConcernDesk.Rating> of(String text) {
        ConcernDesk.Rating best = null;
        int bestLength = 0;
        for (var e : words.entrySet()) {
            for (String word : e.getValue()) {
                if (text.contains(word) && word.length() > bestLength) {
                    best = e.getKey();
                    bestLength = word.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
