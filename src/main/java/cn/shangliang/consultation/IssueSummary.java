package cn.shangliang.consultation;

import java.time.Instant;

/** What residents may see of an issue (no reporter identity); {@code mergedInto} names the issue it joined. */
public record IssueSummary(
        String trackingNo,
        String title,
        Place place,
        Topic.Level level,
        Topic.Status status,
        int supporters,
        Instant createdAt,
        String mergedInto) {

    public IssueSummary {
        mergedInto = mergedInto == null ? "" : mergedInto;
    }
}
