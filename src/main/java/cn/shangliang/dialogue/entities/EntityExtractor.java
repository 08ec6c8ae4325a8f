package cn.shangliang.dialogue.entities;

import cn.shangliang.consultation.Regions;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the entities of a message: places from the configured regions, numbers by pattern, dates in Chinese. */
public final class EntityExtractor {

    /** A tracking number, in any letter case. */
    public static final Pattern TRACKING_NO = Pattern.compile("(?<![A-Za-z])([A-Za-z]{2,4})-(\\d{8})-(\\d{4})(?!\\d)");

    private static final Pattern BINDING_CODE = Pattern.compile("(?<![\\d-])(\\d{6})(?![\\d-])");

    private final Regions regions;
    private final Clock clock;

    public EntityExtractor(Regions regions, Clock clock) {
        this.regions = regions;
        this.clock = clock;
    }

    public Entities extract(String text) {
        String t = text == null ? "" : text;
        Optional<String> tracking = trackingNo(t);
        String rest = tracking.map(n -> t.replace(n, " ").replace(n.toLowerCase(Locale.ROOT), " "))
                .orElse(t);
        Matcher code = BINDING_CODE.matcher(rest);
        return new Entities(
                regions.mentionedIn(t),
                tracking,
                code.find() ? Optional.of(code.group(1)) : Optional.empty(),
                ChineseDates.find(rest, LocalDate.now(clock)));
    }

    /** A tracking number such as {@code QY-20261126-0042}, upper-cased; lower case input is accepted. */
    public static Optional<String> trackingNo(String text) {
        Matcher m = TRACKING_NO.matcher(text);
        return m.find() ? Optional.of(m.group().toUpperCase(Locale.ROOT)) : Optional.empty();
    }

    /** A six-digit binding code that is not part of a tracking number. */
    public static Optional<String> bindingCode(String text) {
        String t = TRACKING_NO.matcher(text).replaceAll(" ");
        Matcher m = BINDING_CODE.matcher(t);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Every tracking number in the text, upper-cased, in order, without repeats. */
    public static List<String> trackingNumbers(String text) {
        Matcher m = TRACKING_NO.matcher(text);
        java.util.LinkedHashSet<String> found = new java.util.LinkedHashSet<>();
        while (m.find()) {
            found.add(m.group().toUpperCase(Locale.ROOT));
        }
        return List.copyOf(found);
    }
}
