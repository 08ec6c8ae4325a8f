package cn.shangliang.consultation;

import java.util.List;
import java.util.Optional;

/**
 * Where concerns become issues. Every write is idempotent by {@code requestKey} (the message that asked for it), so a
 * redelivered message files nothing twice.
 */
public interface ConcernDesk {

    /** Files a new issue and returns it with its tracking number. */
    IssueSummary file(String requestKey, Reporter reporter, Place place, String text);

    /** Makes the reporter a supporter of an open issue; empty when there is no such open issue. */
    Optional<IssueSummary> support(String requestKey, Reporter reporter, String trackingNo);

    Optional<IssueSummary> find(String trackingNo);

    /** The reporter's issues (raised or supported), newest first. */
    List<IssueSummary> of(Reporter reporter, int max);
}
