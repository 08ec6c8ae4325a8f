package cn.shangliang.dialogue.entities;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the date and time expressions of everyday Chinese relative to today: 今天, 明天, 后天, 本周, 下周三, 周五下午,
 * 11月28日, 28号, 上午/下午/晚上, 两点半, 15:30. Numbers may be written in Chinese (十一月二十八号). A weekday alone (周五)
 * means the next such day from today on.
 */
public final class ChineseDates {

    private static final String NUM = "[0-9零〇一二两三四五六七八九十]{1,3}";
    private static final Pattern MONTH_DAY = Pattern.compile("(" + NUM + ")\\s*月\\s*(" + NUM + ")\\s*[日号]?");
    private static final Pattern DAY_ONLY = Pattern.compile("(?<![月0-9零〇一二两三四五六七八九十])(" + NUM + ")\\s*[日号]");
    private static final Pattern WEEKDAY = Pattern.compile("(下下|下个|下|这个|这|本|上个|上)?\\s*(?:周|星期|礼拜)([一二三四五六日天1-7])");
    private static final Pattern WEEK = Pattern.compile("(下下|下个|下|这个|这|本|上个|上)\\s*(?:周|星期|礼拜)(?![一二三四五六日天1-7])");
    private static final Pattern MONTH = Pattern.compile("(下个|下|这个|本|上个)\\s*月");
    private static final Pattern CLOCK = Pattern.compile("(\\d{1,2})[:：](\\d{2})");
    private static final Pattern HOUR = Pattern.compile("(" + NUM + ")\\s*[点點时](半|一刻|三刻|(" + NUM + ")\\s*分?)?");
    private static final Map<String, Integer> RELATIVE_DAYS =
            Map.of("大后天", 3, "后天", 2, "明天", 1, "明日", 1, "今天", 0, "今日", 0, "今儿", 0, "明儿", 1, "昨天", -1, "前天", -2);
    private static final Map<String, DayPart> PARTS = Map.ofEntries(
            Map.entry("上午", DayPart.MORNING),
            Map.entry("早上", DayPart.MORNING),
            Map.entry("早晨", DayPart.MORNING),
            Map.entry("中午", DayPart.NOON),
            Map.entry("下午", DayPart.AFTERNOON),
            Map.entry("傍晚", DayPart.EVENING),
            Map.entry("晚上", DayPart.EVENING),
            Map.entry("夜里", DayPart.EVENING));

    private ChineseDates() {}

    /** The date expression in {@code text}, resolved against {@code today}; empty when there is none. */
    public static Optional<DateSpan> find(String text, LocalDate today) {
        Optional<DayPart> part = part(text);
        Optional<LocalTime> time = time(text, part);
        Optional<DateSpan> days = days(text, today);
        if (days.isEmpty() && part.isEmpty() && time.isEmpty()) {
            return Optional.empty();
        }
        DateSpan span = days.orElse(DateSpan.day(today));
        return Optional.of(new DateSpan(span.from(), span.to(), part, time));
    }

    private static Optional<DateSpan> days(String text, LocalDate today) {
        Matcher md = MONTH_DAY.matcher(text);
        if (md.find()) {
            int month = number(md.group(1));
            int day = number(md.group(2));
            if (month >= 1 && month <= 12 && day >= 1 && day <= 31) {
                LocalDate date = safeDate(today.getYear(), month, day);
                if (date != null && date.isBefore(today.minusDays(180))) {
                    date = safeDate(today.getYear() + 1, month, day);
                }
                if (date != null) {
                    return Optional.of(DateSpan.day(date));
                }
            }
        }
        for (var e : RELATIVE_DAYS.entrySet().stream()
                .sorted((a, b) -> b.getKey().length() - a.getKey().length())
                .toList()) {
            if (text.contains(e.getKey())) {
                return Optional.of(DateSpan.day(today.plusDays(e.getValue())));
            }
        }
        Matcher wd = WEEKDAY.matcher(text);
        if (wd.find()) {
            DayOfWeek dow = weekday(wd.group(2));
            String which = wd.group(1) == null ? "" : wd.group(1);
            LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            LocalDate date = switch (which) {
                case "" -> today.with(TemporalAdjusters.nextOrSame(dow));
                default -> monday.plusWeeks(weekOffset(which)).plusDays(dow.getValue() - 1L);
            };
            return Optional.of(DateSpan.day(date));
        }
        Matcher w = WEEK.matcher(text);
        if (w.find()) {
            LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .plusWeeks(weekOffset(w.group(1)));
            return Optional.of(new DateSpan(monday, monday.plusDays(6), Optional.empty(), Optional.empty()));
        }
        Matcher mo = MONTH.matcher(text);
        if (mo.find()) {
            int offset = mo.group(1).startsWith("下") ? 1 : mo.group(1).startsWith("上") ? -1 : 0;
            LocalDate first = today.withDayOfMonth(1).plusMonths(offset);
            return Optional.of(new DateSpan(
                    first, first.with(TemporalAdjusters.lastDayOfMonth()), Optional.empty(), Optional.empty()));
        }
        Matcher d = DAY_ONLY.matcher(text);
        if (d.find()) {
            int day = number(d.group(1));
            if (day >= 1 && day <= 31) {
                LocalDate date = safeDate(today.getYear(), today.getMonthValue(), day);
                if (date == null || date.isBefore(today)) {
                    LocalDate next = today.plusMonths(1);
                    date = safeDate(next.getYear(), next.getMonthValue(), day);
                }
                if (date != null) {
                    return Optional.of(DateSpan.day(date));
                }
            }
        }
        return Optional.empty();
    }

    private static int weekOffset(String which) {
        return switch (which) {
            case "下下" -> 2;
            case "下个", "下" -> 1;
            case "上个", "上" -> -1;
            default -> 0;
        };
    }

    private static Optional<DayPart> part(String text) {
        return PARTS.entrySet().stream()
                .filter(e -> text.contains(e.getKey()))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    private static Optional<LocalTime> time(String text, Optional<DayPart> part) {
        int hour;
        int minute;
        Matcher c = CLOCK.matcher(text);
        Matcher h = HOUR.matcher(text);
        if (c.find()) {
            hour = Integer.parseInt(c.group(1));
            minute = Integer.parseInt(c.group(2));
        } else if (h.find()) {
            hour = number(h.group(1));
            String rest = h.group(2);
            minute = rest == null
                    ? 0
                    : switch (rest) {
                        case "半" -> 30;
                        case "一刻" -> 15;
                        case "三刻" -> 45;
                        default -> h.group(3) == null ? 0 : number(h.group(3));
                    };
        } else {
            return Optional.empty();
        }
        boolean pm = part.isPresent() && (part.get() == DayPart.AFTERNOON || part.get() == DayPart.EVENING);
        if (pm && hour < 12) {
            hour += 12;
        }
        if (hour > 23 || minute > 59 || hour < 0) {
            return Optional.empty();
        }
        return Optional.of(LocalTime.of(hour, minute));
    }

    private static DayOfWeek weekday(String s) {
        return switch (s) {
            case "一", "1" -> DayOfWeek.MONDAY;
            case "二", "2" -> DayOfWeek.TUESDAY;
            case "三", "3" -> DayOfWeek.WEDNESDAY;
            case "四", "4" -> DayOfWeek.THURSDAY;
            case "五", "5" -> DayOfWeek.FRIDAY;
            case "六", "6" -> DayOfWeek.SATURDAY;
            default -> DayOfWeek.SUNDAY;
        };
    }

    private static LocalDate safeDate(int year, int month, int day) {
        try {
            return LocalDate.of(year, month, day);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** Arabic or Chinese numerals up to 99: 28, 二十八, 两, 十一. Returns -1 when unreadable. */
    static int number(String s) {
        if (s.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(s);
        }
        int value = 0;
        int digit = -1;
        for (char ch : s.toCharArray()) {
            int d = "零〇一二三四五六七八九".indexOf(ch);
            if (ch == '两') {
                d = 2;
            } else if (d >= 2) {
                d = d - 1; // "零〇" occupy two slots
            } else if (d == 1) {
                d = 0;
            }
            if (ch == '十') {
                value += (digit < 0 ? 1 : digit) * 10;
                digit = -1;
            } else if (d >= 0) {
                digit = d;
            } else {
                return -1;
            }
        }
        return value + Math.max(digit, 0);
    }
}
