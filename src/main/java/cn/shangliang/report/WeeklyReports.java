package cn.shangliang.report;

import cn.shangliang.consultation.IsoWeek;
import cn.shangliang.consultation.WeeklyTable;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * What the doors need to serve the weekly table: the table of a week limited to the towns a reader may see, its
 * renderings and the signed links.
 *
 * @param tables the table of a week with the rows of the towns the predicate accepts (and their total)
 */
public record WeeklyReports(
        BiFunction<IsoWeek, Predicate<String>, WeeklyTable.Table> tables, WeeklyReportText text, ReportLinks links) {

    public WeeklyTable.Table table(IsoWeek week, Predicate<String> townShown) {
        return tables.apply(week, townShown);
    }

    /** Every town: the city-wide table (the leadership office, the Friday push, the CLI). */
    public WeeklyTable.Table cityWide(IsoWeek week) {
        return tables.apply(week, town -> true);
    }
}
