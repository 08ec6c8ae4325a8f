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

    /** The summary; the line naming the town that received most is left out when no town received anything. */
    public String text(WeeklyTable.Table table, String language) {
        WeeklyTable.Row total = table.total();
        String summary = catalogue.render(
                "utter_weekly_summary",
                language,
                Map.of(
                        "week", table.week().toString(),
                        "activities", Integer.toString(total.activitiesThisWeek()),
                        "received", Integer.toString(total.received()),
                        "consulted", Integer.toString(total.consulted()),
                        "reported", Integer.toString(total.reported()),
                        "closed", Integer.toString(total.closed()),
                        "open", Integer.toString(total.openAtEnd()),
                        "overdue", Integer.toString(total.overdue()),
                        "unsatisfied", Integer.toString(total.unsatisfied()),
                        "rate", total.satisfactionRate().map(r -> r + "%").orElse("-")));
        return table.rows().stream()
                .filter(r -> r.received() > 0)
                .max(Comparator.comparingInt(WeeklyTable.Row::received))
                .map(busiest -> summary
                        + "\n"
                        + catalogue.render(
                                "utter_weekly_summary_busiest",
                                language,
                                Map.of(
                                        "busiest",
                                        busiest.town(),
                                        "busiest_received",
                                        Integer.toString(busiest.received()))))
                .orElse(summary);
    }
}
