package cn.shangliang.matching;

import cn.shangliang.consultation.Topic;
import java.time.Duration;
import java.util.List;

/** Where the matcher reads the topics from: a full load, then the changes after it. Implemented in {@code store}. */
public interface TopicFeed {

    /**
     * All topics (open or not) and a stream position taken before they were read, so that following the changes after
     * it misses nothing (a change may be seen twice; that is harmless).
     */
    Snapshot snapshot();

    /**
     * The changes after {@code position}, oldest first, waiting up to {@code wait} for the first one; empty when none
     * came.
     */
    List<TopicChange> changesAfter(String position, Duration wait);

    /**
     * Thrown by {@link #changesAfter} when changes after {@code position} may have been dropped from the capped stream:
     * the follower must start again from a snapshot.
     */
    final class GapException extends RuntimeException {
        public GapException(String message) {
            super(message);
        }
    }

    /** All topics as of {@code position}. */
    record Snapshot(List<Topic> topics, String position) {
        public Snapshot {
            topics = List.copyOf(topics);
        }
    }
}
