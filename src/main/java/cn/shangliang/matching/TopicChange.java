package cn.shangliang.matching;

import cn.shangliang.consultation.Topic;
import java.util.Objects;

/**
 * One entry of the stream of topic changes: the topic as it is after the change. Applying the same change twice, or an
 * older one before a newer one of the same topic, leaves the index as the newest says.
 *
 * @param position the stream position of this change, to resume after it
 */
public record TopicChange(String position, Kind kind, Topic topic) {

    public enum Kind {
        CREATED,
        UPDATED,
        CLOSED,
        REJECTED,
        MERGED
    }

    public TopicChange {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(topic, "topic");
    }
}
