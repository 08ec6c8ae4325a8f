package cn.shangliang.testing;

import cn.shangliang.store.PipelinePartitions;
import cn.shangliang.store.RedisKeys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/** The pipeline's streams summed over the default partitions, for assertions. */
public final class Pipes {

    private static final PipelinePartitions PARTITIONS = PipelinePartitions.defaults();

    private Pipes() {}

    public static long inbound(UnifiedJedis redis) {
        return sum(tag -> redis.xlen(RedisKeys.inbound(tag)));
    }

    public static long outbound(UnifiedJedis redis) {
        return sum(tag -> redis.xlen(RedisKeys.outbound(tag)));
    }

    public static long inboundDead(UnifiedJedis redis) {
        return sum(tag -> redis.xlen(RedisKeys.inboundDead(tag)));
    }

    public static long outboundDead(UnifiedJedis redis) {
        return sum(tag -> redis.xlen(RedisKeys.outboundDead(tag)));
    }

    public static long retrying(UnifiedJedis redis) {
        return sum(tag -> redis.zcard(RedisKeys.outboundRetry(tag)));
    }

    /** Inbound messages read but not acknowledged. */
    public static long inboundPending(UnifiedJedis redis) {
        return sum(tag -> redis.xpending(RedisKeys.inbound(tag), "workers").getTotal());
    }

    /** Every outbound entry, oldest first. */
    public static List<StreamEntry> outboundEntries(UnifiedJedis redis) {
        return entries(redis, RedisKeys::outbound);
    }

    /** Every outbound dead letter, oldest first. */
    public static List<StreamEntry> outboundDeadEntries(UnifiedJedis redis) {
        return entries(redis, RedisKeys::outboundDead);
    }

    /** The message ids of a channel remembered for deduplication. */
    public static List<String> seenIds(UnifiedJedis redis, String channel) {
        List<String> ids = new ArrayList<>();
        for (String tag : PARTITIONS.tags()) {
            String prefix = RedisKeys.seen(tag, channel, "");
            redis.keys(prefix + "*").forEach(k -> ids.add(k.substring(prefix.length())));
        }
        return ids;
    }

    /** The dedup key of one message of a user. */
    public static String seen(String channel, String userId, String messageId) {
        return RedisKeys.seen(PARTITIONS.tagOf(channel, userId), channel, messageId);
    }

    public static String outboundHeld(String channel, String userId) {
        return RedisKeys.outboundHeld(PARTITIONS.tagOf(channel, userId), channel, userId);
    }

    public static String sessionPending(String channel, String userId) {
        return RedisKeys.sessionPending(PARTITIONS.tagOf(channel, userId), channel, userId);
    }

    public static String sessionProfile(String channel, String userId) {
        return RedisKeys.sessionProfile(PARTITIONS.tagOf(channel, userId), channel, userId);
    }

    /** The user's list of issues, in the partition of their messages. */
    public static String sessionIssues(String channel, String userId) {
        return RedisKeys.sessionIssues(PARTITIONS.tagOf(channel, userId), channel, userId);
    }

    private static List<StreamEntry> entries(UnifiedJedis redis, Function<String, String> stream) {
        List<StreamEntry> all = new ArrayList<>();
        for (String tag : PARTITIONS.tags()) {
            all.addAll(redis.xrange(stream.apply(tag), "-", "+"));
        }
        all.sort(Comparator.comparing(StreamEntry::getID));
        return all;
    }

    private static long sum(Function<String, Long> perPartition) {
        long total = 0;
        for (String tag : PARTITIONS.tags()) {
            total += perPartition.apply(tag);
        }
        return total;
    }
}
