package cn.shangliang.dialogue;

import cn.shangliang.channel.OutboundQueue;
import cn.shangliang.consultation.IssueBook;
import cn.shangliang.consultation.JobClaims;
import cn.shangliang.consultation.People;
import cn.shangliang.consultation.Person;
import cn.shangliang.consultation.Staff;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Once a day (claimed, so one process does it), tells each staff member which issues of their queue have waited longer
 * than the configured time. Message ids derive from the day and the account, so a repeat queues nothing twice.
 */
public final class OverdueDigest {

    private final IssueBook book;
    private final People people;
    private final JobClaims claims;
    private final Responses responses;
    private final OutboundQueue outbound;
    private final Clock clock;

    public OverdueDigest(
            IssueBook book, People people, JobClaims claims, Responses responses, OutboundQueue outbound, Clock clock) {
        this.book = book;
        this.people = people;
        this.claims = claims;
        this.responses = responses;
        this.outbound = outbound;
        this.clock = clock;
    }

    /** Sends today's digest if no process has yet; returns the number of messages queued. */
    public int runOnce() {
        LocalDate today = LocalDate.now(clock);
        if (!claims.claim("overdue-digest", today)) {
            return 0;
        }
        int sent = 0;
        for (Person person : people.all()) {
            if (person.kind() != Person.Kind.STAFF || person.accounts().isEmpty()) {
                continue;
            }
            List<IssueBook.QueueEntry> overdue = book.queue(Staff.of(person).scope()).stream()
                    .filter(IssueBook.QueueEntry::overdue)
                    .toList();
            if (overdue.isEmpty()) {
                continue;
            }
            StringBuilder list = new StringBuilder();
            for (IssueBook.QueueEntry e : overdue.subList(0, Math.min(10, overdue.size()))) {
                if (!list.isEmpty()) {
                    list.append('\n');
                }
                list.append(e.issue().trackingNo()).append(' ').append(e.issue().title());
            }
            String text = responses.render(
                    "utter_overdue_digest",
                    Responses.DEFAULT_LANGUAGE,
                    Map.of(
                            "place", person.scope().toString(),
                            "count", Integer.toString(overdue.size()),
                            "list", list.toString()));
            sent += PersonNotice.send(outbound, people, person, "overdue:" + today, text, clock.instant());
        }
        return sent;
    }
}
