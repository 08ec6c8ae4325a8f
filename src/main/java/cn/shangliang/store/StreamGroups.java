package cn.shangliang.store;

import java.util.List;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XPendingParams;
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

    /** How many times the entry has been delivered, counting the current delivery; 1 if unknown. */
    static long deliveries(UnifiedJedis redis, String stream, String group, StreamEntryID id) {
        List<StreamPendingEntry> pending = redis.xpending(stream, group, new XPendingParams(id, id, 1));
        return pending.isEmpty() ? 1 : pending.get(0).getDeliveredTimes();
    }
}
