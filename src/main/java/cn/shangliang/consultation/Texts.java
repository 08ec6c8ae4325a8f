package cn.shangliang.consultation;

import java.util.regex.Pattern;

/** What residents' texts become when stored: a short title, and personal numbers masked for other readers. */
public final class Texts {

    private static final Pattern MOBILE = Pattern.compile("(?<!\\d)(1[3-9]\\d)(\\d{4})(\\d{4})(?!\\d)");
    /** A landline with its area code: 0510-86812345, 0510 8681 2345 is not matched (too loose), 051086812345 is. */
    private static final Pattern LANDLINE = Pattern.compile("(?<!\\d)(0\\d{2,3})([- ]?)(\\d{3,4})(\\d{4})(?!\\d)");
    /** 18-character resident ID: area (6), birth date (8, a plausible one), sequence and check character. */
    private static final Pattern ID_CARD = Pattern.compile(
            "(?<![0-9A-Za-z])(\\d{6})((?:19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01]))(\\d{3}[0-9Xx])(?![0-9A-Za-z])");
    /** 15-digit first-generation ID: area (6), birth date yyMMdd, sequence (3). */
    private static final Pattern ID_CARD_15 = Pattern.compile(
            "(?<![0-9A-Za-z])(\\d{6})(\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01]))(\\d{3})(?![0-9A-Za-z])");
    /** Bank card numbers: 16 to 19 digits, optionally in groups of four separated by a space or a hyphen. */
    private static final Pattern BANK_CARD =
            Pattern.compile("(?<![0-9A-Za-z])(\\d{4}(?:[ -]?\\d{4}){2}[ -]?\\d{4,7})(?![0-9A-Za-z])");

    private static final int TITLE_CHARS = 24;

    private Texts() {}

    /**
     * Personal numbers masked for every reader but the reporter: mobile numbers keep their first 3 and last 4 digits,
     * landlines their area code and last 4; ID-card numbers (18 characters, or the old 15 digits) their first 6 and
     * last 4 (15-digit: last 3); bank card numbers their first 4 and last 4 digits (separators kept). Longer digit runs
     * are checked first, so a card number is never read as a phone number inside it.
     */
    public static String mask(String text) {
        String masked = ID_CARD.matcher(text).replaceAll("$1********$3");
        masked = BANK_CARD.matcher(masked).replaceAll(m -> maskCard(m.group(1)));
        masked = ID_CARD_15.matcher(masked).replaceAll("$1******$3");
        masked = MOBILE.matcher(masked).replaceAll("$1****$3");
        return LANDLINE.matcher(masked).replaceAll("$1$2****$4");
    }

    /** Every digit but the first 4 and the last 4 becomes {@code *}; separators stay where they were. */
    private static String maskCard(String card) {
        int digits = (int) card.chars().filter(Character::isDigit).count();
        StringBuilder out = new StringBuilder(card.length());
        int seen = 0;
        for (char c : card.toCharArray()) {
            if (Character.isDigit(c)) {
                seen++;
                out.append(seen <= 4 || seen > digits - 4 ? c : '*');
            } else {
                out.append(c);
            }
        }
        return java.util.regex.Matcher.quoteReplacement(out.toString());
    }

    /** The first sentence without chat fillers, masked, cut to a readable length ({@link Titles}). */
    public static String title(String text) {
        return Titles.of(mask(text));
    }
}
