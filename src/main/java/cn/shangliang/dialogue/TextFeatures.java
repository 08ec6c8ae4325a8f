package cn.shangliang.dialogue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns a message into sparse features for the intent classifier: the analyser's words, characters and character
 * pairs of the normalised text, regex features from the training data, and the shape of the message (length, question,
 * digits). Weights are 1/sqrt(n) per group so that long messages do not drown short ones.
 */
final class TextFeatures {

    private final Function<String, String> normalise;
    private final Function<String, List<String>> words;
    private final Map<String, List<Pattern>> regexes;
    private final Map<String, List<String>> lookups;

    TextFeatures(
            Function<String, String> normalise,
            Function<String, List<String>> words,
            Map<String, List<Pattern>> regexes,
            Map<String, List<String>> lookups) {
        this.normalise = normalise;
        this.words = words;
        this.regexes = regexes;
        this.lookups = lookups;
    }

    Map<String, Double> of(String raw) {
        String text = normalise.apply(raw);
        Map<String, Double> features = new HashMap<>();
        List<String> chars = new ArrayList<>();
        text.codePoints()
                .filter(cp -> Character.isLetterOrDigit(cp) || isSignal(cp))
                .forEach(cp -> chars.add(Character.isDigit(cp) ? "#" : new String(Character.toChars(cp))));
        group(features, "c:", chars);
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < chars.size(); i++) {
            pairs.add(chars.get(i) + chars.get(i + 1));
        }
        group(features, "b:", pairs);
        group(features, "w:", words.apply(raw));
        regexes.forEach((name, patterns) -> {
            if (patterns.stream().anyMatch(p -> p.matcher(raw).find())) {
                features.put("re:" + name, 1.0);
            }
        });
        lookups.forEach((name, entries) -> {
            if (entries.stream().anyMatch(raw::contains)) {
                features.put("lookup:" + name, 1.0);
            }
        });
        int letters = (int) text.codePoints().filter(Character::isLetter).count();
        features.put(
                "len:" + (letters <= 2 ? "1" : letters <= 5 ? "2" : letters <= 12 ? "3" : letters <= 30 ? "4" : "5"),
                1.0);
        if (text.contains("?") || text.contains("吗") || text.contains("呢") || text.contains("么")) {
            features.put("shape:question", 1.0);
        }
        if (!chars.isEmpty()) {
            features.put("first:" + chars.get(0), 0.5);
            features.put("last:" + chars.get(chars.size() - 1), 0.5);
        }
        features.put("bias", 1.0);
        return features;
    }

    private static boolean isSignal(int cp) {
        return cp == '?' || cp == '!';
    }

    private static void group(Map<String, Double> features, String prefix, List<String> tokens) {
        if (tokens.isEmpty()) {
            return;
        }
        double w = 1.0 / Math.sqrt(tokens.size());
        for (String t : tokens) {
            features.merge(prefix + t, w, Double::sum);
        }
    }
}
