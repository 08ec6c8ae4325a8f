package cn.shangliang.channel.weixin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a reply into pieces of at most a number of UTF-8 bytes (WeCom: "content ≤ 2048 bytes"): at the last line
 * break that fits (in the second half of the piece), else after the last sentence end (。！？!?), else at the last space, else at the last whole code
 * point. A piece never ends inside a UTF-8 character or between the halves of a surrogate pair; the line break a
 * piece is cut at is dropped.
 */
public final class TextChunks {

    private TextChunks() {}

    public static List<String> split(String text, int maxBytes) {
        if (maxBytes < 4) {
            throw new IllegalArgumentException("maxBytes must hold one code point, was " + maxBytes);
        }
        List<String> pieces = new ArrayList<>();
        String rest = text;
        while (utf8Length(rest) > maxBytes) {
            int fits = fittingPrefix(rest, maxBytes);
            int cut = breakAt(rest, fits);
            add(pieces, rest.substring(0, cut));
            rest = rest.substring(cut);
            if (!rest.isEmpty() && rest.charAt(0) == '\n') {
                rest = rest.substring(1);
            }
        }
        add(pieces, rest);
        return pieces;
    }

    private static void add(List<String> pieces, String piece) {
        String trimmed = piece.stripTrailing();
        if (!trimmed.isBlank()) {
            pieces.add(trimmed);
        }
    }

    /** The length in chars of the longest prefix of whole code points within {@code maxBytes}. */
    private static int fittingPrefix(String s, int maxBytes) {
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int size = utf8Length(cp);
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return i;
    }

    /**
     * Where to end a piece within the first {@code fits} chars: the preferred boundaries in the second half (so that
     * pieces stay large: each piece is one send against the rate limit), else the hard cut.
     */
    private static int breakAt(String s, int fits) {
        int least = fits / 2;
        int newline = s.lastIndexOf('\n', fits - 1);
        if (newline > least) {
            return newline;
        }
        for (int i = fits - 1; i > least; i--) {
            if ("。！？!?".indexOf(s.charAt(i)) >= 0) {
                return i + 1;
            }
        }
        for (int i = fits - 1; i > least; i--) {
            if (s.charAt(i) == ' ') {
                return i + 1;
            }
        }
        return fits;
    }

    public static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
