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
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.Tuple;

/**
 * The outbound streams on Redis, one per partition ({@link PipelinePartitions}; a message goes to the partition of
 * its recipient), each with a sorted set of scheduled retries. Every move between a stream, its retry set and its
 * dead-letter stream is one Lua script in the partition's slot.
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
    private final PipelinePartitions partitions;
    private final Map<String, Integer> partitionOfStream = new HashMap<>();
    private final boolean readerPerPartition;

    public RedisOutboundQueue(
            UnifiedJedis redis, ObjectMapper mapper, Duration dedupFor, PipelinePartitions partitions) {
        this.redis = redis;
        this.json = new Json(mapper);
        this.dedupFor = dedupFor;
        this.partitions = partitions;
        this.readerPerPartition = redis instanceof JedisCluster;
        for (int p = 0; p < partitions.count(); p++) {
            String stream = RedisKeys.outbound(partitions.tag(p));
            partitionOfStream.put(stream, p);
            StreamGroups.ensure(redis, stream, GROUP);
        }
    }

    /** The default partitions (tests). */
    public RedisOutboundQueue(UnifiedJedis redis, ObjectMapper mapper, Duration dedupFor) {
        this(redis, mapper, dedupFor, PipelinePartitions.defaults());
    }

    @Override
    public void enqueue(Outbound message) {
        String tag = partitions.tagOf(message.channel(), message.userId());
        ENQUEUE.run(redis, enqueueKeys(tag, message), enqueueArgs(json, message, dedupFor));
    }

    /** {@link #enqueue} on a pipeline (with the script's source: it must not meet NOSCRIPT there). */
    static Response<Object> queueEnqueue(
            AbstractPipeline pipeline, PipelinePartitions partitions, Json json, Outbound message, Duration dedupFor) {
        String tag = partitions.tagOf(message.channel(), message.userId());
        return ENQUEUE.queueWithSource(pipeline, enqueueKeys(tag, message), enqueueArgs(json, message, dedupFor));
    }

    private static List<String> enqueueKeys(String tag, Outbound message) {
        return List.of(RedisKeys.outboundSeen(tag, message.id()), RedisKeys.outbound(tag));
    }

    private static List<String> enqueueArgs(Json json, Outbound message, Duration dedupFor) {
        return List.of(Long.toString(dedupFor.toSeconds()), json.write(message));
    }

    @Override
    public int readers() {
        return readerPerPartition ? partitions.count() : 1;
    }

    @Override
    public List<Delivery> read(int reader, String consumer, int max, Duration block) {
        List<String> streams = readerPerPartition
                ? List.of(RedisKeys.outbound(partitions.tag(reader)))
                : partitions.tags().stream().map(RedisKeys::outbound).toList();
        return StreamGroups.readNew(redis, streams, GROUP, consumer, max, block).stream()
                .map(r -> toDelivery(partitionOfStream.get(r.stream()), r.entry()))
                .toList();
    }

    /** Looks at every partition in turn; at most {@code max} messages of each. */
    @Override
    public List<Delivery> reclaim(String consumer, Duration minIdle, int max) {
        List<Delivery> out = new ArrayList<>();
        for (int p = 0; p < partitions.count(); p++) {
            for (StreamEntry entry : StreamGroups.claimIdle(
                    redis, RedisKeys.outbound(partitions.tag(p)), GROUP, consumer, minIdle, max)) {
                out.add(toDelivery(p, entry));
            }
        }
        return out;
    }

    /** One script per partition of the batch, in one round trip. */
    @Override
    public void acknowledge(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        Map<Integer, List<Delivery>> byPartition = new LinkedHashMap<>();
        for (Delivery d : deliveries) {
            byPartition
                    .computeIfAbsent(RedisInboundQueue.Entry.parse(d.entryId()).partition(), k -> new ArrayList<>())
                    .add(d);
        }
        if (byPartition.size() == 1) {
            var only = byPartition.entrySet().iterator().next();
            ACK.run(redis, ackKeys(only.getKey(), only.getValue()), ackArgs(only.getValue()));
            return;
        }
        List<LuaScript.Queued> queued = new ArrayList<>();
        try (AbstractPipeline pipeline = redis.pipelined()) {
            byPartition.forEach((p, ds) -> queued.add(ACK.queue(pipeline, ackKeys(p, ds), ackArgs(ds))));
            pipeline.sync();
        }
        queued.forEach(q -> q.result(redis));
    }

    private List<String> ackKeys(int partition, List<Delivery> deliveries) {
        String tag = partitions.tag(partition);
        List<String> keys = new ArrayList<>(2 * deliveries.size() + 1);
        keys.add(RedisKeys.outbound(tag));
        for (Delivery d : deliveries) {
            keys.add(RedisKeys.outboundHeld(
                    tag, d.message().channel(), d.message().userId()));
            keys.add(RedisKeys.outboundHeldDue(
                    tag, d.message().channel(), d.message().userId()));
        }
        return keys;
    }

    private static List<String> ackArgs(List<Delivery> deliveries) {
        List<String> args = new ArrayList<>(2 * deliveries.size() + 2);
        args.add(GROUP);
        args.add(Integer.toString(deliveries.size()));
        deliveries.forEach(
                d -> args.add(RedisInboundQueue.Entry.parse(d.entryId()).id()));
        deliveries.forEach(d -> args.add(d.message().id()));
        return args;
    }

    @Override
    public void retryAt(Delivery delivery, Instant due, int nextAttempt) {
        Outbound m = delivery.message();
        RedisInboundQueue.Entry entry = RedisInboundQueue.Entry.parse(delivery.entryId());
        String tag = partitions.tag(entry.partition());
        RETRY.run(
                redis,
                List.of(
                        RedisKeys.outbound(tag),
                        RedisKeys.outboundRetry(tag),
                        RedisKeys.outboundHeld(tag, m.channel(), m.userId()),
                        RedisKeys.outboundHeldDue(tag, m.channel(), m.userId())),
                List.of(
                        GROUP,
                        entry.id(),
                        Long.toString(due.toEpochMilli()),
                        nextAttempt + "|" + json.write(m),
                        m.id(),
                        Long.toString(OutboundQueue.order(m)),
                        Long.toString(HELD_FOR.toMillis())));
    }

    @Override
    public void deadLetter(Delivery delivery, String reason) {
        RedisInboundQueue.Entry entry = RedisInboundQueue.Entry.parse(delivery.entryId());
        String tag = partitions.tag(entry.partition());
        RedisInboundQueue.DEAD_LETTER.run(
                redis,
                List.of(RedisKeys.outbound(tag), RedisKeys.outboundDead(tag)),
                List.of(
                        GROUP,
                        entry.id(),
                        json.write(delivery.message()),
                        reason,
                        Integer.toString(delivery.attempt())));
        Outbound m = delivery.message();
        UNHOLD.run(
                redis,
                List.of(
                        RedisKeys.outboundHeld(tag, m.channel(), m.userId()),
                        RedisKeys.outboundHeldDue(tag, m.channel(), m.userId())),
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
                String tag = partitions.tagOf(m.channel(), m.userId());
                orders.put(key, pipeline.zrangeWithScores(RedisKeys.outboundHeld(tag, m.channel(), m.userId()), 0, -1));
                dues.put(key, pipeline.hgetAll(RedisKeys.outboundHeldDue(tag, m.channel(), m.userId())));
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

    /** Every partition's due retries, in one round trip. */
    @Override
    public int promoteDue(Instant now) {
        List<String> args = List.of(Long.toString(now.toEpochMilli()));
        List<LuaScript.Queued> queued = new ArrayList<>(partitions.count());
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (String tag : partitions.tags()) {
                queued.add(
                        PROMOTE.queue(pipeline, List.of(RedisKeys.outboundRetry(tag), RedisKeys.outbound(tag)), args));
            }
            pipeline.sync();
        }
        int moved = 0;
        for (LuaScript.Queued q : queued) {
            Object n = q.result(redis);
            moved += n == null ? 0 : ((Long) n).intValue();
        }
        return moved;
    }

    private Delivery toDelivery(int partition, StreamEntry entry) {
        Map<String, String> fields = entry.getFields();
        Outbound message = json.read(fields.get("m"), Outbound.class);
        int attempt = Integer.parseInt(fields.getOrDefault("a", "1"));
        return new Delivery(
                new RedisInboundQueue.Entry(partition, entry.getID().toString()).toString(), message, attempt);
    }
}
