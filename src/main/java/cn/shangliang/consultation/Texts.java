package cn.shangliang.consultation;

import java.util.regex.Pattern;

/** What residents' texts become when stored: a short title, and personal numbers masked for other readers. */
public final class Texts {

    private static final Pattern MOBILE = Pattern.compile("(?<!\\d)(1[3-9]\\d)(\\d{4})(\\d{4})(?!\\d)");
    private static final Pattern ID_CARD =
            Pattern.compile("(?<![0-9A-Za-z])(\\d{6})(\\d{8})(\\d{3}[0-9Xx])(?![0-9A-Za-z])");

    private Texts() {}

    /** Mobile numbers keep their first 3 and last 4 digits; ID-card numbers their first 6 and last 4. */
    public static String mask(String text) {
        String masked = ID_CARD.matcher(text).replaceAll("$1********$3");
        return MOBILE.matcher(masked).replaceAll("$1****$3");
    }

    /** The first sentence without chat fillers, masked, cut to a readable length ({@link Titles}). */
    public static String title(String text) {
        return Titles.of(mask(text));
    }
}
