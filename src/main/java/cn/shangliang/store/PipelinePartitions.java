package cn.shangliang.store;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.CRC32;

/**
 * The partitions of the message pipeline: {@code count} hash tags ({@link RedisKeys#pipelineTag}), each holding its
 * own inbound and outbound stream, retry set, held marks, dedup keys and the sessions of its users. A user (channel +
 * platform user id) always belongs to the same partition, so one person's messages keep their order and a message's
 * completion (replies, session, acknowledgement) is one script in one slot. The mapping changes with the count: see
 * docs/scaling.md before changing it.
 */
public final class PipelinePartitions {

    /** {@code pipeline.partitions} unless configured. */
    public static final int DEFAULT_COUNT = 16;

    private final List<String> tags;

    public PipelinePartitions(int count) {
        if (count < 1 || count > 1024) {
            throw new IllegalArgumentException("partitions must be between 1 and 1024 (was " + count + ")");
        }
        this.tags = IntStream.range(0, count)
                .mapToObj(i -> RedisKeys.pipelineTag(i, count))
                .toList();
    }

    public static PipelinePartitions defaults() {
        return new PipelinePartitions(DEFAULT_COUNT);
    }

    public int count() {
        return tags.size();
    }

    /** The partition of a user's messages, replies and session. */
    public int of(String channel, String userId) {
        CRC32 crc = new CRC32();
        crc.update(channel.getBytes(StandardCharsets.UTF_8));
        crc.update('\n');
        crc.update(userId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % tags.size());
    }

    /** The hash tag of a partition. */
    public String tag(int partition) {
        return tags.get(partition);
    }

    /** The hash tag of a user's partition. */
    public String tagOf(String channel, String userId) {
        return tags.get(of(channel, userId));
    }

    /** Every partition's hash tag, by partition. */
    public List<String> tags() {
        return tags;
    }
}
