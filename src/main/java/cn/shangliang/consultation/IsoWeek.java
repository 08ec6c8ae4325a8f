package cn.shangliang.consultation;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO week such as {@code 2026-W48} (Monday to Sunday). Only weeks that exist can be made: week 0, week 54 and
 * week 53 of a 52-week year are refused with a message that names the value.
 */
public record IsoWeek(int year, int week) {

    private static final Pattern TEXT = Pattern.compile("(\\d{4})-W(\\d{1,2})");

    public IsoWeek {
        if (year < 1000 || year > 9999) {
            throw new IllegalArgumentException("year " + year + " is out of range (1000 to 9999)");
        }
        int weeks = weeksIn(year);
        if (week < 1 || week > weeks) {
            throw new IllegalArgumentException(
                    "week " + week + " of " + year + " does not exist (" + year + " has " + weeks + " ISO weeks)");
        }
    }

    /** Parses {@code 2026-W48}; the message of a refusal names the text given. */
    public static IsoWeek parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("week '" + text + "' is not an ISO week like 2026-W48");
        }
        try {
            return new IsoWeek(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("week '" + text + "': " + e.getMessage(), e);
        }
    }

    /** The week a day falls in. */
    public static IsoWeek of(LocalDate day) {
        return new IsoWeek(day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    public LocalDate monday() {
        return LocalDate.of(year, 1, 4)
                .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    public LocalDate sunday() {
        return monday().plusDays(6);
    }

    public IsoWeek previous() {
        return of(monday().minusDays(7));
    }

    private static int weeksIn(int year) {
        return LocalDate.of(year, 12, 28).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d-W%02d", year, week);
    }
}
