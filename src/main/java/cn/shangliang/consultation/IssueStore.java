package cn.shangliang.consultation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Persistence of issues: load, reserve a number, apply a planned change. No rules live behind this port. */
public interface IssueStore {

    /**
     * The tracking number for a request: {@code <code>-<yyyyMMdd>-<4 digits>} reserved the first time, the same one on
     * every retry of the request.
     */
    String reserve(String townCode, String requestKey, LocalDate day, boolean permanent);

    Optional<IssueRecord> load(String townCode, String trackingNo);

    /** Tracking numbers of a town's issues: the open ones only, or all. */
    List<String> numbers(String townCode, boolean openOnly);

    /** Tracking numbers of the issues a resident raised or supports, newest first. */
    List<String> ofUser(Reporter reporter, int max);

    IssueChange.Outcome apply(IssueChange change);

    /** Whether a change with this request key was applied in the town (and is remembered still). */
    boolean applied(String townCode, String requestKey);

    /** Adds the issue to the resident's list (idempotent; delivered from the outbox). */
    void remember(Reporter reporter, String trackingNo, Instant at);

    /** Takes the issue off the resident's list (idempotent): their identity was erased from it. */
    void forget(Reporter reporter, String trackingNo);
}
