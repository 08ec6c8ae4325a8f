package cn.shangliang.dialogue;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Cheap looks at the script of a message. */
final class Languages {

    private static final Pattern WORD = Pattern.compile("[A-Za-z]{2,}");

    private Languages() {}

    /** Letters present and all of them Latin: the user writes English. */
    static boolean looksEnglish(String text) {
        return text.codePoints().anyMatch(Character::isLetter)
                && text.codePoints().filter(Character::isLetter).allMatch(c -> c < 0x250);
    }

    /**
     * The language a message is clearly written in: Chinese with two or more Chinese characters, English with two or
     * more English words and no Chinese; empty for "1", "ok", an emoji or a tracking number alone.
     */
    static Optional<String> of(String text) {
        if (hanCount(text) >= 2) {
            return Optional.of("zh");
        }
        if (hanCount(text) == 0 && looksEnglish(text) && englishWords(text) >= 2) {
            return Optional.of("en");
        }
        return Optional.empty();
    }

    /** Long enough to describe a matter: six Chinese characters, or four English words. */
    static boolean describes(String text) {
        return hanCount(text) >= 6 || (hanCount(text) == 0 && englishWords(text) >= 4);
    }

    static int englishWords(String text) {
        Matcher m = WORD.matcher(text.replaceAll("(?i)\\b[a-z]{2,4}-\\d{8}-\\d{4}\\b", " "));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    static int hanCount(String text) {
        return (int) text.codePoints()
                .filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
                .count();
    }
}
