package cn.shangliang.store;

import cn.shangliang.channel.Inbound;
import cn.shangliang.channel.InboundQueue;
import cn.shangliang.channel.Outbound;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The inbound stream on Redis. Enqueue, complete and dead-letter are single Lua scripts, so a message is either fully
 * queued or not at all, and its replies are queued exactly once however often it is delivered. Finished entries are
 * deleted from the stream, so its length is the backlog.
 */
public final class RedisInboundQueue implements InboundQueue {

    private static final Logger log = LoggerFactory.getLogger(RedisInboundQueue.class);

    static final String GROUP = "workers";

    private static final LuaScript ENQUEUE = new LuaScript("""
            if redis.call('SET', KEYS[1], 'q', 'NX', 'EX', ARGV[1]) then
              return redis.call('XADD', KEYS[2], '*', 'm', ARGV[2])
            end
            return false
            """);

    private static final LuaScript COMPLETE = new LuaScript("""
            local queued = 0
            if redis.call('GET', KEYS[1]) ~= 'd' then
              for i = 4, #ARGV do
                redis.call('XADD', KEYS[3], '*', 'm', ARGV[i], 'a', '1')
              end
              redis.call('SET', KEYS[1], 'd', 'EX', ARGV[3])
              queued = 1
            end
            redis.call('XACK', KEYS[2], ARGV[1], ARGV[2])
            redis.call('XDEL', KEYS[2], ARGV[2])
            return queued
            """);

    static final LuaScript DEAD_LETTER = new LuaScript("""
            redis.call('XADD', KEYS[2], 'MAXLEN', '~', '100000', '*', 'm', ARGV[3], 'reason', ARGV[4], 'deliveries', ARGV[5])
            redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
            redis.call('XDEL', KEYS[1], ARGV[2])
            return 1
            """);

    private final UnifiedJedis redis;
    private final Json json;
    private final Duration dedupFor;

    /** @param dedupFor how long a message id is remembered (at least 7 days for the chat platforms) */
    public RedisInboundQueue(UnifiedJedis redis, ObjectMapper mapper, Duration dedupFor) {
        this.redis = redis;
        this.json = new Json(mapper);
        this.dedupFor = dedupFor;
        StreamGroups.ensure(redis, RedisKeys.inbound(), GROUP);
    }

    @Override
    public EnqueueResult enqueue(Inbound message) {
        Object id = ENQUEUE.run(
                redis,
                List.of(RedisKeys.seen(message.channel(), message.messageId()), RedisKeys.inbound()),
                List.of(Long.toString(dedupFor.toSeconds()), json.write(message)));
        return id == null ? new EnqueueResult.Duplicate() : new EnqueueResult.Accepted(id.toString());
    }

    @Override
    public List<Delivery> read(String consumer, int max, Duration block) {
        return StreamGroups.readNew(redis, RedisKeys.inbound(), GROUP, consumer, max, block).stream()
                .map(entry -> toDelivery(entry, 1))
                .toList();
    }

    @Override
    public List<Delivery> reclaim(String consumer, Duration minIdle, int max) {
        return StreamGroups.claimIdle(redis, RedisKeys.inbound(), GROUP, consumer, minIdle, max).stream()
                .map(entry ->
                        toDelivery(entry, StreamGroups.deliveries(redis, RedisKeys.inbound(), GROUP, entry.getID())))
                .toList();
    }

    @Override
    public boolean complete(Delivery delivery, List<Outbound> replies) {
        Object queued = COMPLETE.run(redis, completeKeys(delivery), completeArgs(delivery, replies));
        return Long.valueOf(1).equals(queued);
    }

    /** Session changes made on this thread until its completions are written with them ({@link LaneBatch}). */
    @Override
    public Unit openUnit() {
        return LaneBatch.open();
    }

    /**
     * One pipelined round trip: the session changes of the handled messages kept by the thread's {@link LaneBatch}
     * first (sent with their script's source, so they cannot meet NOSCRIPT), then the COMPLETE scripts, in order. When
     * Redis lost its script cache (a restart), the completions that met NOSCRIPT are redone one by one, which loads
     * the script; the others ran already.
     */
    @Override
    public void completeAll(List<Completion> completions) {
        List<LaneBatch.Write> sessionWrites =
                LaneBatch.current().map(LaneBatch::takeWrites).orElse(List.of());
        if (sessionWrites.isEmpty() && completions.size() <= 1) {
            completions.forEach(c -> complete(c.delivery(), c.replies()));
            return;
        }
        List<Response<Object>> written = new ArrayList<>(sessionWrites.size());
        List<LuaScript.Queued> queued = new ArrayList<>(completions.size());
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (LaneBatch.Write w : sessionWrites) {
                written.add(w.apply(pipeline));
            }
            for (Completion c : completions) {
                queued.add(
                        COMPLETE.queue(pipeline, completeKeys(c.delivery()), completeArgs(c.delivery(), c.replies())));
            }
            pipeline.sync();
        }
        for (Response<Object> w : written) {
            try {
                w.get();
            } catch (RuntimeException e) { // not expected (the script only sets two keys of the user)
                log.error("session write failed", e);
            }
        }
        for (LuaScript.Queued q : queued) {
            q.result(redis);
        }
    }

    private static List<String> completeKeys(Delivery delivery) {
        Inbound m = delivery.message();
        return List.of(RedisKeys.seen(m.channel(), m.messageId()), RedisKeys.inbound(), RedisKeys.outbound());
    }

    private List<String> completeArgs(Delivery delivery, List<Outbound> replies) {
        List<String> args = new ArrayList<>(3 + replies.size());
        args.add(GROUP);
        args.add(delivery.entryId());
        args.add(Long.toString(dedupFor.toSeconds()));
        for (Outbound reply : replies) {
            args.add(json.write(reply));
        }
        return args;
    }

    @Override
    public boolean isComplete(Inbound message) {
        return "d".equals(redis.get(RedisKeys.seen(message.channel(), message.messageId())));
    }

    @Override
    public void deadLetter(Delivery delivery, String reason) {
        DEAD_LETTER.run(
                redis,
                List.of(RedisKeys.inbound(), RedisKeys.inboundDead()),
                List.of(
                        GROUP,
                        delivery.entryId(),
                        json.write(delivery.message()),
                        reason,
                        Long.toString(delivery.deliveries())));
    }

    private Delivery toDelivery(StreamEntry entry, long deliveries) {
        Inbound message = json.read(entry.getFields().get("m"), Inbound.class);
        return new Delivery(entry.getID().toString(), message, deliveries);
    }
}
