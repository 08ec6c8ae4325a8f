package cn.shangliang.channel.telegram;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a text longer than one Telegram message into parts: at the last line break that keeps a part within the limit,
 * else at the last sentence end, else at the last space, else hard — never inside a surrogate pair. Breaks in the
 * first half of a part are not used, so that no part is tiny.
 */
final class MessageSplitter {

    /** sendMessage takes 1–4096 characters; counted here in UTF-16 units, which is never less than Telegram's count. */
    static final int MAX_MESSAGE = 4096;

    private static final String SENTENCE_ENDS = "。！？!?；;…";

    private MessageSplitter() {}

    static List<String> split(String text, int max) {
        if (max < 2) {
            throw new IllegalArgumentException("max must be at least 2, was " + max);
        }
        List<String> parts = new ArrayList<>();
        String rest = text;
        while (rest.length() > max) {
            int cut = cut(rest, max);
            String part = rest.substring(0, cut).stripTrailing();
            if (!part.isEmpty()) {
                parts.add(part);
            }
            rest = rest.substring(cut).stripLeading();
        }
        if (parts.isEmpty()) {
            parts.add(rest);
        } else if (!rest.isBlank()) {
            parts.add(rest.stripTrailing());
        }
        return parts;
    }

    /** Where the first part of {@code text} (longer than {@code max}) ends: an index in (0, max]. */
    private static int cut(String text, int max) {
        int floor = max / 2;
        int newline = text.lastIndexOf('\n', max - 1);
        if (newline >= floor) {
            return newline + 1;
        }
        for (int i = max - 1; i >= floor; i--) {
            char c = text.charAt(i);
            if (SENTENCE_ENDS.indexOf(c) >= 0 || (c == '.' && i + 1 < text.length() && text.charAt(i + 1) == ' ')) {
                return i + 1;
            }
        }
        for (int i = max - 1; i >= floor; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i + 1;
            }
        }
        return Character.isLowSurrogate(text.charAt(max)) && Character.isHighSurrogate(text.charAt(max - 1))
                ? max - 1
                : max;
    }
}
