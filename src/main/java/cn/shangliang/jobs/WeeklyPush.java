package cn.shangliang.jobs;

import cn.shangliang.channel.OutboundQueue;
import cn.shangliang.consultation.IsoWeek;
import cn.shangliang.consultation.JobClaims;
import cn.shangliang.consultation.People;
import cn.shangliang.consultation.Person;
import cn.shangliang.consultation.WeeklyTable;
import cn.shangliang.report.WeeklySummary;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.function.Function;

/**
 * Every Friday from the configured hour, one process (the one that claims the week) sends the leadership office's
 * accounts the summary of the week's progress table. {@code shangliang jobs run weekly-push} runs it on demand under
 * the same claim (the week's Friday), so the week's table goes out once whichever run comes first.
 */
public final class WeeklyPush {

    private final Function<IsoWeek, WeeklyTable.Table> tables;
    private final People people;
    private final JobClaims claims;
    private final WeeklySummary summary;
    private final OutboundQueue outbound;
    private final Clock clock;
    private final int hour;

    /** @param tables the city-wide table of a week */
    public WeeklyPush(
            Function<IsoWeek, WeeklyTable.Table> tables,
            People people,
            JobClaims claims,
            WeeklySummary summary,
            OutboundQueue outbound,
            Clock clock,
            int hour) {
        this.tables = tables;
        this.people = people;
        this.claims = claims;
        this.summary = summary;
        this.outbound = outbound;
        this.clock = clock;
        this.hour = hour;
    }

    /** The scheduled run: this week's push if it is Friday from the hour on. */
    public JobRun runOnce() {
        LocalDateTime now = LocalDateTime.now(clock);
        if (now.getDayOfWeek() != DayOfWeek.FRIDAY || now.getHour() < hour) {
            return new JobRun.NotDue();
        }
        return runNow(IsoWeek.of(now.toLocalDate()));
    }

    /** The push of {@code week}, now, unless a run already claimed that week. */
    public JobRun runNow(IsoWeek week) {
        String claim = claimKey(week);
        if (!claims.claim(claim, friday(week))) {
            return new JobRun.AlreadyClaimed(claim);
        }
        String text = summary.text(tables.apply(week), Jobs.LANGUAGE);
        int sent = 0;
        for (Person person : people.all()) {
            if (person.kind() == Person.Kind.LEADERSHIP) {
                sent += PersonNotice.send(outbound, people, person, "weekly:" + week, text, clock.instant());
            }
        }
        return new JobRun.Done(claim, sent);
    }

    /** The claim's job name; the claim's day is the week's Friday, whenever the run happens. */
    static String claimKey(IsoWeek week) {
        return "weekly-report-" + week;
    }

    private static LocalDate friday(IsoWeek week) {
        return week.monday().plusDays(4);
    }
}
