package cn.shangliang.consultation;

import java.util.regex.Pattern;

/** What residents' texts become when stored: a short title, and personal numbers masked for other readers. */
public final class Texts {

    private static final Pattern MOBILE = Pattern.compile("(?<!\\d)(1[3-9]\\d)(\\d{4})(\\d{4})(?!\\d)");
    private static final Pattern ID_CARD =
            Pattern.compile("(?<![0-9A-Za-z])(\\d{6})(\\d{8})(\\d{3}[0-9Xx])(?![0-9A-Za-z])");
    private static final int TITLE_CHARS = 24;

    private Texts() {}

    /** Mobile numbers keep their first 3 and last 4 digits; ID-card numbers their first 6 and last 4. */
    public static String mask(String text) {
        String masked = ID_CARD.matcher(text).replaceAll("$1********$3");
        return MOBILE.matcher(masked).replaceAll("$1****$3");
    }

    /** The first sentence, masked, cut to a readable length. */
    public static String title(String text) {
        String flat = mask(text).strip().replaceAll("\\s+", " ");
        String first = flat.split("[。！？!?；;\\n]", 2)[0].strip();
        if (first.isEmpty()) {
            first = flat;
        }
        int chars = first.codePointCount(0, first.length());
        return chars <= TITLE_CHARS ? first : first.substring(0, first.offsetByCodePoints(0, TITLE_CHARS)) + "…";
    }
}
