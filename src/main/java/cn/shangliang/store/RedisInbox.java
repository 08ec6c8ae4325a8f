package cn.shangliang.store;

import cn.shangliang.channel.Inbox;
import cn.shangliang.channel.Outbound;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.params.XTrimParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Inboxes as small capped streams, one per user, announced over pub/sub. An inbox keeps at most 200 replies, none older
 * than {@code keep} (trimmed by id, which is the time it was stored, at every new reply), and disappears {@code keep}
 * after its last reply.
 */
public final class RedisInbox implements Inbox {

    private static final Logger log = LoggerFactory.getLogger(RedisInbox.class);
    private static final int KEEP = 200;
    private final UnifiedJedis redis;
    private final Json json;
    private final Duration keep;

    /** Replies kept 30 days. */
    public RedisInbox(UnifiedJedis redis, ObjectMapper mapper) {
        this(redis, mapper, Duration.ofDays(30));
    }

    public RedisInbox(UnifiedJedis redis, ObjectMapper mapper, Duration keep) {
        this.redis = redis;
        this.json = new Json(mapper);
        this.keep = keep;
    }

    @Override
    public String append(Outbound message) {
        String key = RedisKeys.inbox(message.channel(), message.userId());
        StreamEntryID id = redis.xadd(
                key, XAddParams.xAddParams().maxLen(KEEP).approximateTrimming(), Map.of("m", json.write(message)));
        redis.xtrim(
                key,
                XTrimParams.xTrimParams()
                        .minId(Long.toString(id.getTime() - keep.toMillis())) // ids are Redis's own clock
                        .exactTrimming()); // approximate trimming would leave a small stream's old entries
        redis.expire(key, keep.toSeconds());
        redis.publish(RedisKeys.inboxAnnouncements(), message.channel() + "\t" + message.userId());
        return id.toString();
    }

    @Override
    public List<Entry> after(String channel, String userId, String sinceId, int max) {
        String start = "0".equals(sinceId) || sinceId.isBlank() ? "-" : "(" + sinceId;
        List<Entry> entries = new ArrayList<>();
        for (StreamEntry e : redis.xrange(RedisKeys.inbox(channel, userId), start, "+", max)) {
            entries.add(new Entry(e.getID().toString(), json.read(e.getFields().get("m"), Outbound.class)));
        }
        return entries;
    }

    @Override
    public List<Entry> await(String channel, String userId, String sinceId, Duration block) {
        String key = RedisKeys.inbox(channel, userId);
        StreamEntryID from = sinceId.isBlank() ? new StreamEntryID(0, 0) : new StreamEntryID(sinceId);
        var result = redis.xread(
                XReadParams.xReadParams().block((int) block.toMillis()).count(100), Map.of(key, from));
        List<Entry> entries = new ArrayList<>();
        if (result != null) {
            for (var stream : result) {
                for (StreamEntry e : stream.getValue()) {
                    entries.add(new Entry(
                            e.getID().toString(), json.read(e.getFields().get("m"), Outbound.class)));
                }
            }
        }
        return entries;
    }

    @Override
    public AutoCloseable subscribe(Consumer<Announcement> listener) {
        JedisPubSub pubSub = new JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) {
                int tab = message.indexOf('\t');
                if (tab > 0) {
                    listener.accept(new Announcement(message.substring(0, tab), message.substring(tab + 1)));
                }
            }
        };
        Thread thread = Thread.ofPlatform().name("inbox-subscriber").daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    redis.subscribe(pubSub, RedisKeys.inboxAnnouncements());
                    return; // unsubscribed
                } catch (RuntimeException e) {
                    log.warn("inbox subscription lost, retrying: {}", e.toString());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        });
        return () -> {
            thread.interrupt();
            if (pubSub.isSubscribed()) {
                pubSub.unsubscribe();
            }
        };
    }
}
