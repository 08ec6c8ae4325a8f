package cn.shangliang.store;

import cn.shangliang.consultation.Outbox;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Reading and forgetting the entries of an outbox stream (field {@code e}: a {@link StoredEffect} as JSON), the same for
 * the towns' and the rooms' outboxes; the entries are written by each store's own apply script.
 */
final class OutboxStream {

    private final UnifiedJedis redis;
    private final Json json;

    OutboxStream(UnifiedJedis redis, Json json) {
        this.redis = redis;
        this.json = json;
    }

    List<Outbox.Entry> pending(String key, int max) {
        List<Outbox.Entry> entries = new ArrayList<>();
        for (StreamEntry e : redis.xrange(key, (StreamEntryID) null, null, max)) {
            entries.add(new Outbox.Entry(
                    e.getID().toString(),
                    json.read(e.getFields().get("e"), StoredEffect.class).effect()));
        }
        return entries;
    }

    void delivered(String key, List<Outbox.Entry> entries) {
        if (!entries.isEmpty()) {
            redis.xdel(key, entries.stream().map(e -> new StreamEntryID(e.id())).toArray(StreamEntryID[]::new));
        }
    }
}
