package cn.shangliang.store;

import cn.shangliang.channel.Outbound;
import cn.shangliang.channel.OutboundQueue;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

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

    private static final LuaScript ACK = new LuaScript("""
            redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 2))
            return redis.call('XDEL', KEYS[1], unpack(ARGV, 2))
            """);

    private static final LuaScript RETRY = new LuaScript("""
            redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
            redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
            return redis.call('XDEL', KEYS[1], ARGV[2])
            """);

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
        List<String> args = new ArrayList<>(deliveries.size() + 1);
        args.add(GROUP);
        deliveries.forEach(d -> args.add(d.entryId()));
        ACK.run(redis, List.of(RedisKeys.outbound()), args);
    }

    @Override
    public void retryAt(Delivery delivery, Instant due, int nextAttempt) {
        RETRY.run(
                redis,
                List.of(RedisKeys.outbound(), RedisKeys.outboundRetry()),
                List.of(
                        GROUP,
                        delivery.entryId(),
                        Long.toString(due.toEpochMilli()),
                        nextAttempt + "|" + json.write(delivery.message())));
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
