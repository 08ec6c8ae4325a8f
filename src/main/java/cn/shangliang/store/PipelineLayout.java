package cn.shangliang.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * The partitions the pipeline runs on, and the layout it came from: the unpartitioned {@code {pipe}} of earlier
 * versions, or another partition count. A process starts on a new layout only when the old one holds no message
 * (drained), and records the switch in {@link RedisKeys#pipelineLayout()}; the sessions are then read from where the
 * old layout kept them until the user's next message writes them to the new one.
 */
public final class PipelineLayout {

    private static final Logger log = LoggerFactory.getLogger(PipelineLayout.class);
    private static final String LEGACY = "legacy";

    /** Where sessions were kept before: none, the unpartitioned keys, or the partitions of another count. */
    public sealed interface Earlier {
        record None() implements Earlier {}

        record Unpartitioned() implements Earlier {}

        record Partitioned(PipelinePartitions partitions) implements Earlier {}
    }

    private final PipelinePartitions partitions;
    private final Earlier earlier;

    private PipelineLayout(PipelinePartitions partitions, Earlier earlier) {
        this.partitions = partitions;
        this.earlier = earlier;
    }

    /** A layout with nothing before it (tests, fresh data). */
    public static PipelineLayout of(PipelinePartitions partitions) {
        return new PipelineLayout(partitions, new Earlier.None());
    }

    /**
     * Opens the layout of {@code count} partitions: the one recorded, or a switch to it from the recorded (or the
     * unpartitioned) one when that holds no message any more.
     *
     * @throws IllegalStateException when the layout recorded differs and still holds messages (drain it first)
     */
    public static PipelineLayout open(UnifiedJedis redis, int count) {
        PipelinePartitions partitions = new PipelinePartitions(count);
        String recorded = redis.get(RedisKeys.pipelineLayout());
        if (recorded == null) {
            boolean legacy = redis.exists(RedisKeys.legacyInbound()) || redis.exists(RedisKeys.legacyOutbound());
            if (legacy) {
                requireDrained(redis, List.of("{pipe}"), "the unpartitioned pipeline", count);
            }
            redis.set(RedisKeys.pipelineLayout(), count + (legacy ? " from " + LEGACY : ""));
            return new PipelineLayout(partitions, legacy ? new Earlier.Unpartitioned() : new Earlier.None());
        }
        String[] parts = recorded.split(" from ");
        int now = Integer.parseInt(parts[0]);
        if (now == count) {
            return new PipelineLayout(partitions, earlier(parts.length > 1 ? parts[1] : null));
        }
        PipelinePartitions old = new PipelinePartitions(now);
        requireDrained(redis, old.tags(), now + " partitions", count);
        redis.set(RedisKeys.pipelineLayout(), count + " from " + now);
        log.info("pipeline switched from {} to {} partitions", now, count);
        return new PipelineLayout(partitions, new Earlier.Partitioned(old));
    }

    private static Earlier earlier(String from) {
        if (from == null) {
            return new Earlier.None();
        }
        return from.equals(LEGACY)
                ? new Earlier.Unpartitioned()
                : new Earlier.Partitioned(new PipelinePartitions(Integer.parseInt(from)));
    }

    private static void requireDrained(UnifiedJedis redis, List<String> tags, String what, int count) {
        List<String> busy = new ArrayList<>();
        for (String tag : tags) {
            long waiting = redis.xlen(RedisKeys.inbound(tag))
                    + redis.xlen(RedisKeys.outbound(tag))
                    + redis.zcard(RedisKeys.outboundRetry(tag));
            if (waiting > 0) {
                busy.add(tag + " holds " + waiting);
            }
        }
        if (!busy.isEmpty()) {
            throw new IllegalStateException("pipeline.partitions is " + count + " but " + what
                    + " still holds messages (" + String.join(", ", busy)
                    + "): let the processes on the old layout drain it first (docs/scaling.md)");
        }
    }

    public PipelinePartitions partitions() {
        return partitions;
    }

    /** Where sessions not yet written in this layout may still be. */
    public Earlier earlier() {
        return earlier;
    }

    /** The hash tags of the layout before, if it is to be read from. */
    Optional<Earlier> fallback() {
        return earlier instanceof Earlier.None ? Optional.empty() : Optional.of(earlier);
    }
}
