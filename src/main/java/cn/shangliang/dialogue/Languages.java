package cn.shangliang.dialogue;

/** Cheap looks at the script of a message. */
final class Languages {

    private Languages() {}

    /** Letters present and all of them Latin: the user writes English. */
    static boolean looksEnglish(String text) {
        return text.codePoints().anyMatch(Character::isLetter)
                && text.codePoints().filter(Character::isLetter).allMatch(c -> c < 0x250);
    }

    static int hanCount(String text) {
        return (int) text.codePoints()
                .filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
                .count();
    }
}
