package cn.shangliang.consultation;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/** A consultation meeting in a room: the issues to consult and the invited members. */
public record Meeting(
        String id,
        String roomId,
        String title,
        OffsetDateTime start,
        OffsetDateTime end,
        List<String> issues,
        List<String> invitees,
        boolean cancelled) {

    public Meeting {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        title = title == null ? "" : title;
        issues = issues == null ? List.of() : List.copyOf(issues);
        invitees = invitees == null ? List.of() : List.copyOf(invitees);
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a meeting must end after it starts");
        }
        if (end.toInstant().isAfter(start.toInstant().plusSeconds(24 * 3600))) {
            throw new IllegalArgumentException("a meeting lasts at most one day");
        }
    }

    public boolean overlaps(Meeting other) {
        return !cancelled
                && !other.cancelled
                && start.toInstant().isBefore(other.end.toInstant())
                && other.start.toInstant().isBefore(end.toInstant());
    }
}
