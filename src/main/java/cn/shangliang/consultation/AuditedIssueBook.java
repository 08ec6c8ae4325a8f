package cn.shangliang.consultation;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * An {@link IssueBook} that writes every staff read and change into the {@link AuditLog} before answering; the
 * system's own reads (jobs, without a staff member) are not recorded. Wraps the book the chat's staff commands use
 * (the REST API records its calls itself, once per request).
 */
public final class AuditedIssueBook implements IssueBook {

    private final IssueBook book;
    private final AuditLog audit;
    private final Clock clock;

    public AuditedIssueBook(IssueBook book, AuditLog audit, Clock clock) {
        this.book = book;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Optional<IssueDetail> detail(String trackingNo) {
        return book.detail(trackingNo);
    }

    @Override
    public List<QueueEntry> queue(Place place) {
        return book.queue(place);
    }

    @Override
    public Lookup<IssueDetail> detail(Staff staff, String trackingNo) {
        Lookup<IssueDetail> found = book.detail(staff, trackingNo);
        log(staff, "read", trackingNo, outcome(found));
        return found;
    }

    @Override
    public Lookup<List<QueueEntry>> queue(Staff staff, Place place) {
        Lookup<List<QueueEntry>> found = book.queue(staff, place);
        log(staff, "read", "queue " + place, outcome(found));
        return found;
    }

    @Override
    public Transition transition(String requestKey, Staff staff, String trackingNo, IssueAction action) {
        Transition done = book.transition(requestKey, staff, trackingNo, action);
        String result = switch (done) {
            case Transition.Done d -> "done";
            case Transition.NotFound n -> "not_found";
            case Transition.Forbidden f -> "forbidden";
            case Transition.Refused r -> "refused " + r.reason();
        };
        log(staff, "change", trackingNo, action.name() + " " + result);
        return done;
    }

    private static String outcome(Lookup<?> lookup) {
        return switch (lookup) {
            case Lookup.Found<?> f -> "found";
            case Lookup.NotFound<?> n -> "not_found";
            case Lookup.Forbidden<?> f -> "forbidden";
        };
    }

    private void log(Staff staff, String action, String what, String detail) {
        audit.record(new AuditLog.Entry("", clock.instant(), staff.id(), action, what, "chat: " + detail));
    }
}
