package cn.shangliang.report;

import cn.shangliang.consultation.WeeklyTable;
import java.util.Comparator;
import java.util.Map;

/** The few lines of the weekly table that go out by chat: the Friday push and the leadership office's request. */
public final class WeeklySummary {

    private final Catalogue catalogue;

    public WeeklySummary(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    public String text(WeeklyTable.Table table, String language) {
        WeeklyTable.Row total = table.total();
        WeeklyTable.Row busiest = table.rows().stream()
                .max(Comparator.comparingInt(WeeklyTable.Row::received))
                .orElse(null);
        return catalogue.render(
                "utter_weekly_summary",
                language,
                Map.ofEntries(
                        Map.entry("week", table.week().toString()),
                        Map.entry("activities", Integer.toString(total.activitiesThisWeek())),
                        Map.entry("received", Integer.toString(total.received())),
                        Map.entry("consulted", Integer.toString(total.consulted())),
                        Map.entry("reported", Integer.toString(total.reported())),
                        Map.entry("closed", Integer.toString(total.closed())),
                        Map.entry("open", Integer.toString(total.openAtEnd())),
                        Map.entry("overdue", Integer.toString(total.overdue())),
                        Map.entry("unsatisfied", Integer.toString(total.unsatisfied())),
                        Map.entry(
                                "rate",
                                total.satisfactionRate().map(r -> r + "%").orElse("-")),
                        Map.entry("busiest", busiest == null ? "-" : busiest.town()),
                        Map.entry("busiest_received", busiest == null ? "0" : Integer.toString(busiest.received()))));
    }
}
