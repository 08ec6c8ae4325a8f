package cn.shangliang.consultation;

import java.util.Objects;

/**
 * An open consultation topic as the matcher sees it: a concern already raised in a place. {@code village} is empty for
 * a town-level topic.
 */
public record Topic(String id, String town, String village, Level level, String title, String text, Status status) {

    public enum Level {
        VILLAGE,
        TOWN
    }

    /** The life cycle of a consultation issue; only some states are open for matching. */
    public enum Status {
        RECEIVED,
        ACCEPTED,
        SCHEDULED,
        CONSULTED,
        REPORTED,
        CLOSED,
        REJECTED,
        MERGED;

        /** Whether a new concern may still join a topic in this state. */
        public boolean isOpen() {
            return this != CLOSED && this != REJECTED && this != MERGED;
        }
    }

    public Topic {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(town, "town");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(status, "status");
        village = village == null ? "" : village;
        title = title == null ? "" : title;
        text = text == null ? "" : text;
        if (id.isBlank()) {
            throw new IllegalArgumentException("topic id must not be blank");
        }
        if (level == Level.VILLAGE && village.isBlank()) {
            throw new IllegalArgumentException("village-level topic " + id + " needs a village");
        }
        if (level == Level.TOWN && !village.isBlank()) {
            throw new IllegalArgumentException("town-level topic " + id + " must not name a village");
        }
    }
}
