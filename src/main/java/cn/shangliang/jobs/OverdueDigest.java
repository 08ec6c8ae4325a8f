package cn.shangliang.jobs;

import cn.shangliang.channel.OutboundQueue;
import cn.shangliang.consultation.IssueBook;
import cn.shangliang.consultation.JobClaims;
import cn.shangliang.consultation.People;
import cn.shangliang.consultation.Person;
import cn.shangliang.consultation.Staff;
import cn.shangliang.report.Catalogue;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * Once a day from the configured hour (claimed, so one process does it), tells each staff member which issues of their
 * queue have waited longer than the configured time. Message ids derive from the day and the account, so a repeat
 * queues nothing twice. {@code shangliang jobs run overdue-digest} runs it on demand under the same claim (the day).
 */
public final class OverdueDigest {

    /** The claim's job name; the claim's day is today. */
    static final String CLAIM = "overdue-digest";

    private final IssueBook book;
    private final People people;
    private final JobClaims claims;
    private final Catalogue catalogue;
    private final OutboundQueue outbound;
    private final Clock clock;
    private final int hour;

    public OverdueDigest(
            IssueBook book,
            People people,
            JobClaims claims,
            Catalogue catalogue,
            OutboundQueue outbound,
            Clock clock,
            int hour) {
        this.book = book;
        this.people = people;
        this.claims = claims;
        this.catalogue = catalogue;
        this.outbound = outbound;
        this.clock = clock;
        this.hour = hour;
    }

    /** The scheduled run: today's digest from the hour on. */
    public JobRun runOnce() {
        if (LocalTime.now(clock).getHour() < hour) {
            return new JobRun.NotDue();
        }
        return runNow();
    }

    /** Today's digest, now, unless a run already claimed today. */
    public JobRun runNow() {
        LocalDate today = LocalDate.now(clock);
        if (!claims.claim(CLAIM, today)) {
            return new JobRun.AlreadyClaimed(CLAIM + " " + today);
        }
        int sent = 0;
        for (Person person : people.all()) {
            if (person.kind() == Person.Kind.STAFF && !person.accounts().isEmpty()) {
                sent += tell(person, today);
            }
        }
        return new JobRun.Done(CLAIM + " " + today, sent);
    }

    private int tell(Person person, LocalDate today) {
        List<IssueBook.QueueEntry> overdue = book.queue(Staff.of(person).scope()).stream()
                .filter(IssueBook.QueueEntry::overdue)
                .toList();
        if (overdue.isEmpty()) {
            return 0;
        }
        StringBuilder list = new StringBuilder();
        for (IssueBook.QueueEntry e : overdue.subList(0, Math.min(10, overdue.size()))) {
            if (!list.isEmpty()) {
                list.append('\n');
            }
            list.append(e.issue().trackingNo()).append(' ').append(e.issue().title());
        }
        String text = catalogue.render(
                "utter_overdue_digest",
                Jobs.LANGUAGE,
                Map.of(
                        "place", person.scope().toString(),
                        "count", Integer.toString(overdue.size()),
                        "list", list.toString()));
        return PersonNotice.send(outbound, people, person, "overdue:" + today, text, clock.instant());
    }
}
