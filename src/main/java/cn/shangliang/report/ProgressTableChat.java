package cn.shangliang.report;

import cn.shangliang.consultation.IsoWeek;
import cn.shangliang.consultation.Reporter;
import cn.shangliang.consultation.WeeklyTable;
import cn.shangliang.dialogue.ProgressTableRequests;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The leadership office asks for the weekly progress table by chat: "本周推进表" / "上周推进表", "this week's progress
 * table" / "last week's progress table". Its accounts get the summary and signed links to the xlsx and csv of the
 * city-wide table; anyone else asking is politely refused.
 */
public final class ProgressTableChat implements ProgressTableRequests {

    /** 本周/这周/上周(的)(每周)推进表, or this/last week('s) progress table; the whole message, give or take punctuation. */
    private static final Pattern REQUEST = Pattern.compile(
            "^\\W*(?:(?<zh>本周|这周|这一周|上周|上一周)的?(?:每周)?推进表|(?<en>this|last)\\s+week'?s?\\s+progress\\s+table)" + "\\W*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);

    private final Predicate<Reporter> leadership;
    private final Function<IsoWeek, WeeklyTable.Table> tables;
    private final WeeklySummary summary;
    private final ReportLinks links;
    private final Catalogue catalogue;
    private final Clock clock;

    /**
     * @param leadership whether an account belongs to a person of kind LEADERSHIP
     * @param tables the city-wide table of a week
     */
    public ProgressTableChat(
            Predicate<Reporter> leadership,
            Function<IsoWeek, WeeklyTable.Table> tables,
            WeeklySummary summary,
            ReportLinks links,
            Catalogue catalogue,
            Clock clock) {
        this.leadership = leadership;
        this.tables = tables;
        this.summary = summary;
        this.links = links;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    @Override
    public Optional<List<String>> answer(Reporter who, String text, String language) {
        Optional<IsoWeek> week = requestedWeek(text);
        if (week.isEmpty()) {
            return Optional.empty();
        }
        if (!leadership.test(who)) {
            return Optional.of(List.of(catalogue.render("utter_progress_table_refused", language, Map.of())));
        }
        WeeklyTable.Table table = tables.apply(week.get());
        String files = catalogue.render(
                "utter_progress_table_links",
                language,
                Map.of(
                        "xlsx", links.link(week.get(), "xlsx", language),
                        "csv", links.link(week.get(), "csv", language),
                        "hours", Long.toString(links.validFor().toHours())));
        return Optional.of(List.of(summary.text(table, language) + "\n" + files));
    }

    /** The week a message asks for, or empty when it does not ask for the table. */
    Optional<IsoWeek> requestedWeek(String text) {
        Matcher m = REQUEST.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String which = m.group("zh") != null ? m.group("zh") : m.group("en").toLowerCase(java.util.Locale.ROOT);
        IsoWeek thisWeek = IsoWeek.of(LocalDate.now(clock));
        return Optional.of(which.startsWith("上") || which.equals("last") ? thisWeek.previous() : thisWeek);
    }
}
