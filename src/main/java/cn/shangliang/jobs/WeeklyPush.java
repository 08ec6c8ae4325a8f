package cn.shangliang.dialogue;

import cn.shangliang.channel.OutboundQueue;
import cn.shangliang.consultation.JobClaims;
import cn.shangliang.consultation.People;
import cn.shangliang.consultation.Person;
import cn.shangliang.consultation.WeeklyTable;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.function.Function;

/**
 * Every Friday from the configured hour, one process (the one that claims the week) sends the leadership office's
 * accounts a short summary of the week's progress table with its top lines.
 */
public final class WeeklyPush {

    private final Function<String, WeeklyTable.Table> tables;
    private final People people;
    private final JobClaims claims;
    private final Responses responses;
    private final OutboundQueue outbound;
    private final Clock clock;
    private final int hour;

    public WeeklyPush(
            Function<String, WeeklyTable.Table> tables,
            People people,
            JobClaims claims,
            Responses responses,
            OutboundQueue outbound,
            Clock clock,
            int hour) {
        this.tables = tables;
        this.people = people;
        this.claims = claims;
        this.responses = responses;
        this.outbound = outbound;
        this.clock = clock;
        this.hour = hour;
    }

    /** Sends this week's summary if it is Friday after the hour and no process has yet; returns messages queued. */
    public int runOnce() {
        LocalDateTime now = LocalDateTime.now(clock);
        if (now.getDayOfWeek() != DayOfWeek.FRIDAY || now.getHour() < hour) {
            return 0;
        }
        String week = WeeklyTable.isoWeek(now.toLocalDate());
        if (!claims.claim("weekly-report-" + week, now.toLocalDate())) {
            return 0;
        }
        WeeklyTable.Table table = tables.apply(week);
        int received = 0;
        int consulted = 0;
        int closed = 0;
        int open = 0;
        int activities = 0;
        WeeklyTable.Row busiest = null;
        for (WeeklyTable.Row r : table.rows()) {
            received += r.received();
            consulted += r.consulted();
            closed += r.closed();
            open += r.openAtEnd();
            activities += r.activitiesThisWeek();
            if (busiest == null || r.received() > busiest.received()) {
                busiest = r;
            }
        }
        String text = responses.render(
                "utter_weekly_summary",
                Responses.DEFAULT_LANGUAGE,
                Map.of(
                        "week", week,
                        "activities", Integer.toString(activities),
                        "received", Integer.toString(received),
                        "consulted", Integer.toString(consulted),
                        "closed", Integer.toString(closed),
                        "open", Integer.toString(open),
                        "busiest", busiest == null ? "-" : busiest.town(),
                        "busiest_received", busiest == null ? "0" : Integer.toString(busiest.received())));
        int sent = 0;
        for (Person person : people.all()) {
            if (person.kind() != Person.Kind.LEADERSHIP) {
                continue;
            }
            sent += PersonNotice.send(outbound, people, person, "weekly:" + week, text, clock.instant());
        }
        return sent;
    }
}
