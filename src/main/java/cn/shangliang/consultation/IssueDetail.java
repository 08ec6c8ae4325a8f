package cn.shangliang.consultation;

import java.time.Instant;
import java.util.List;

/**
 * What staff and the API see of an issue. The reporter's identity is never part of it; {@code text} has personal
 * numbers masked. {@code mergedInto} is the surviving issue's number once merged, else empty.
 */
public record IssueDetail(
        String trackingNo,
        String title,
        String text,
        String town,
        String village,
        Topic.Level level,
        Topic.Status status,
        String category,
        boolean needsReview,
        int supporters,
        Instant createdAt,
        String outcome,
        List<HistoryEntry> history,
        String rating,
        String mergedInto) {

    public IssueDetail {
        history = List.copyOf(history);
        rating = rating == null ? "" : rating;
        mergedInto = mergedInto == null ? "" : mergedInto;
    }

    /** One recorded change: who did what, when, and why. */
    public record HistoryEntry(Instant at, String actor, String action, String from, String to, String note) {}

    public IssueSummary summary() {
        return new IssueSummary(
                trackingNo, title, new Place(town, village), level, status, supporters, createdAt, mergedInto);
    }
}
