package cn.shangliang.store;

import cn.shangliang.channel.Outbound;
import cn.shangliang.channel.OutboundQueue;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.Tuple;

/**
 * The outbound stream on Redis, with a sorted set of scheduled retries. Every move between the stream, the retry set
 * and the dead-letter stream is one Lua script.
 */
public final class RedisOutboundQueue implements OutboundQueue {

    static final String GROUP = "senders";

    private static final LuaScript ENQUEUE = new LuaScript("""
            if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
              return redis.call('XADD', KEYS[2], '*', 'm', ARGV[2], 'a', '1')
            end
            return false
            """);

    /** KEYS: stream, then per message its recipient's held set and due hash; ARGV: group, n, entry ids, message ids. */
    private static final LuaScript ACK = new LuaScript("""
            local n = tonumber(ARGV[2])
            for i = 1, n do
              redis.call('ZREM', KEYS[2 * i], ARGV[2 + n + i])
              redis.call('HDEL', KEYS[2 * i + 1], ARGV[2 + n + i])
            end
            redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 3, 2 + n))
            return redis.call('XDEL', KEYS[1], unpack(ARGV, 3, 2 + n))
            """);

    /** Schedules a retry and marks the message as held for its recipient (order and due), atomically. */
    private static final LuaScript RETRY = new LuaScript("""
            redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
            redis.call('ZADD', KEYS[3], ARGV[6], ARGV[5])
            redis.call('HSET', KEYS[4], ARGV[5], ARGV[3])
            redis.call('PEXPIRE', KEYS[3], ARGV[7])
            redis.call('PEXPIRE', KEYS[4], ARGV[7])
            redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
            return redis.call('XDEL', KEYS[1], ARGV[2])
            """);

    private static final LuaScript UNHOLD = new LuaScript("""
            redis.call('ZREM', KEYS[1], ARGV[1])
            return redis.call('HDEL', KEYS[2], ARGV[1])
            """);

    /** A held mark outlives any retry schedule (the longest backoff is minutes); then it expires by itself. */
    private static final Duration HELD_FOR = Duration.ofDays(1);

    private static final LuaScript PROMOTE = new LuaScript("""
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 200)
            for _, item in ipairs(due) do
              local sep = string.find(item, '|', 1, true)
              redis.call('XADD', KEYS[2], '*', 'm', string.sub(item, sep + 1), 'a', string.sub(item, 1, sep - 1))
              redis.call('ZREM', KEYS[1], item)
            end
            return #due
            """);

    private final UnifiedJedis redis;
    private final Json json;
    private final Duration dedupFor;

    public RedisOutboundQueue(UnifiedJedis redis, ObjectMapper mapper, Duration dedupFor) {
        this.redis = redis;
        this.json = new Json(mapper);
        this.dedupFor = dedupFor;
        StreamGroups.ensure(redis, RedisKeys.outbound(), GROUP);
    }

    @Override
    public void enqueue(Outbound message) {
        ENQUEUE.run(
                redis,
                List.of(RedisKeys.outboundSeen(message.id()), RedisKeys.outbound()),
                List.of(Long.toString(dedupFor.toSeconds()), json.write(message)));
    }

    @Override
    public List<Delivery> read(String consumer, int max, Duration block) {
        return StreamGroups.readNew(redis, RedisKeys.outbound(), GROUP, consumer, max, block).stream()
                .map(this::toDelivery)
                .toList();
    }

    @Override
    public List<Delivery> reclaim(String consumer, Duration minIdle, int max) {
        return StreamGroups.claimIdle(redis, RedisKeys.outbound(), GROUP, consumer, minIdle, max).stream()
                .map(this::toDelivery)
                .toList();
    }

    @Override
    public void acknowledge(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(2 * deliveries.size() + 1);
        keys.add(RedisKeys.outbound());
        List<String> args = new ArrayList<>(2 * deliveries.size() + 2);
        args.add(GROUP);
        args.add(Integer.toString(deliveries.size()));
        for (Delivery d : deliveries) {
            keys.add(RedisKeys.outboundHeld(d.message().channel(), d.message().userId()));
            keys.add(
                    RedisKeys.outboundHeldDue(d.message().channel(), d.message().userId()));
            args.add(d.entryId());
        }
        deliveries.forEach(d -> args.add(d.message().id()));
        ACK.run(redis, keys, args);
    }

    @Override
    public void retryAt(Delivery delivery, Instant due, int nextAttempt) {
        Outbound m = delivery.message();
        RETRY.run(
                redis,
                List.of(
                        RedisKeys.outbound(),
                        RedisKeys.outboundRetry(),
                        RedisKeys.outboundHeld(m.channel(), m.userId()),
                        RedisKeys.outboundHeldDue(m.channel(), m.userId())),
                List.of(
                        GROUP,
                        delivery.entryId(),
                        Long.toString(due.toEpochMilli()),
                        nextAttempt + "|" + json.write(m),
                        m.id(),
                        Long.toString(OutboundQueue.order(m)),
                        Long.toString(HELD_FOR.toMillis())));
    }

    @Override
    public void deadLetter(Delivery delivery, String reason) {
        RedisInboundQueue.DEAD_LETTER.run(
                redis,
                List.of(RedisKeys.outbound(), RedisKeys.outboundDead()),
                List.of(
                        GROUP,
                        delivery.entryId(),
                        json.write(delivery.message()),
                        reason,
                        Integer.toString(delivery.attempt())));
        Outbound m = delivery.message();
        UNHOLD.run(
                redis,
                List.of(
                        RedisKeys.outboundHeld(m.channel(), m.userId()),
                        RedisKeys.outboundHeldDue(m.channel(), m.userId())),
                List.of(m.id()));
    }

    @Override
    public Map<String, List<Held>> held(List<Delivery> batch) {
        Map<String, Outbound> recipients = new LinkedHashMap<>();
        for (Delivery d : batch) {
            recipients.putIfAbsent(d.message().channel() + "\t" + d.message().userId(), d.message());
        }
        Map<String, Response<List<Tuple>>> orders = new LinkedHashMap<>();
        Map<String, Response<Map<String, String>>> dues = new LinkedHashMap<>();
        try (AbstractPipeline pipeline = redis.pipelined()) {
            recipients.forEach((key, m) -> {
                orders.put(key, pipeline.zrangeWithScores(RedisKeys.outboundHeld(m.channel(), m.userId()), 0, -1));
                dues.put(key, pipeline.hgetAll(RedisKeys.outboundHeldDue(m.channel(), m.userId())));
            });
            pipeline.sync();
        }
        Map<String, List<Held>> out = new HashMap<>();
        orders.forEach((key, response) -> {
            List<Tuple> entries = response.get();
            if (entries.isEmpty()) {
                return;
            }
            Map<String, String> due = dues.get(key).get();
            List<Held> held = new ArrayList<>(entries.size());
            for (Tuple t : entries) {
                String dueMs = due.get(t.getElement());
                if (dueMs != null) {
                    held.add(
                            new Held(t.getElement(), (long) t.getScore(), Instant.ofEpochMilli(Long.parseLong(dueMs))));
                }
            }
            out.put(key, held);
        });
        return out;
    }

    @Override
    public int promoteDue(Instant now) {
        Object moved = PROMOTE.run(
                redis,
                List.of(RedisKeys.outboundRetry(), RedisKeys.outbound()),
                List.of(Long.toString(now.toEpochMilli())));
        return moved == null ? 0 : ((Long) moved).intValue();
    }

    private Delivery toDelivery(StreamEntry entry) {
        Map<String, String> fields = entry.getFields();
        Outbound message = json.read(fields.get("m"), Outbound.class);
        int attempt = Integer.parseInt(fields.getOrDefault("a", "1"));
        return new Delivery(entry.getID().toString(), message, attempt);
    }
}
