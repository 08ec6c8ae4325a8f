package cn.shangliang.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamPendingEntry;

/** Consumer-group chores shared by the inbound and outbound streams. */
final class StreamGroups {

    private StreamGroups() {}

    /** Creates the group (reading from the start of the stream) unless it exists. */
    static void ensure(UnifiedJedis redis, String stream, String group) {
        try {
            redis.xgroupCreate(stream, group, new StreamEntryID(0, 0), true);
        } catch (JedisDataException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    /** An entry read, and the stream it came from. */
    record Read(String stream, StreamEntry entry) {}

    /**
     * New entries of these streams (one slot on a cluster, any on a single Redis) for {@code consumer}, up to {@code
     * max} of each stream, waiting up to {@code block} when there are none.
     */
    static List<Read> readNew(
            UnifiedJedis redis, List<String> streams, String group, String consumer, int max, Duration block) {
        Map<String, StreamEntryID> from = new LinkedHashMap<>();
        streams.forEach(s -> from.put(s, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        var result = redis.xreadGroup(
                group, consumer, XReadGroupParams.xReadGroupParams().count(max).block((int) block.toMillis()), from);
        List<Read> entries = new ArrayList<>();
        if (result != null) {
            for (var batch : result) {
                for (StreamEntry entry : batch.getValue()) {
                    entries.add(new Read(batch.getKey(), entry));
                }
            }
        }
        return entries;
    }

    /** Entries pending for longer than {@code minIdle} with any consumer, now claimed by {@code consumer}. */
    static List<StreamEntry> claimIdle(
            UnifiedJedis redis, String stream, String group, String consumer, Duration minIdle, int max) {
        var claimed = redis.xautoclaim(
                stream,
                group,
                consumer,
                minIdle.toMillis(),
                new StreamEntryID(0, 0),
                XAutoClaimParams.xAutoClaimParams().count(max));
        List<StreamEntry> entries = new ArrayList<>();
        for (StreamEntry entry : claimed.getValue()) {
            if (entry != null && entry.getFields() != null) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** How many times the entry has been delivered, counting the current delivery; 1 if unknown. */
    static long deliveries(UnifiedJedis redis, String stream, String group, StreamEntryID id) {
        List<StreamPendingEntry> pending = redis.xpending(stream, group, new XPendingParams(id, id, 1));
        return pending.isEmpty() ? 1 : pending.get(0).getDeliveredTimes();
    }
}
