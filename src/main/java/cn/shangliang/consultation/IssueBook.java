package cn.shangliang.consultation;

import java.util.List;
import java.util.Optional;

/**
 * Staff's view of the issues: details, queues, and the actions of the status life cycle. The methods that take a
 * {@link Staff} decide scope (through {@link Access}); the others are for the system's own jobs.
 */
public interface IssueBook {

    Optional<IssueDetail> detail(String trackingNo);

    /** The open issues of a village's queue ({@code 镇/村}) or a town's ({@code 镇}), most urgent first. */
    List<QueueEntry> queue(Place place);

    /** An issue as the staff member may see it. */
    Lookup<IssueDetail> detail(Staff staff, String trackingNo);

    /** A queue as the staff member may see it. */
    Lookup<List<QueueEntry>> queue(Staff staff, Place place);

    /** Applies an action, idempotently by {@code requestKey}; notifies the reporter and supporters once. */
    Transition transition(String requestKey, Staff staff, String trackingNo, IssueAction action);

    /** An issue in a queue, with whether it has waited longer than the configured time. */
    record QueueEntry(IssueDetail issue, boolean overdue) {}
}
