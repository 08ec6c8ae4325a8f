package cn.shangliang.store;

import cn.shangliang.channel.Inbound;
import cn.shangliang.channel.InboundQueue;
import cn.shangliang.channel.Outbound;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;

/**
 * The inbound streams on Redis, one per partition ({@link PipelinePartitions}): a message goes to the partition of
 * its sender. Enqueue, complete and dead-letter are single Lua scripts in the partition's slot, so a message is either
 * fully queued or not at all, and its replies are queued exactly once, with its sender's session, however often it is
 * delivered. Finished entries are deleted from the stream, so its length is the backlog.
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

    /**
     * KEYS: seen, inbound, outbound[, session profile, session pending, the user's issues]; ARGV: group, entry id,
     * dedup seconds, number of replies, the replies[, place, language, unsubscribed, pending JSON, session TTL seconds,
     * visitor profile seconds, language heard] (the session as {@link RedisSessionStore}'s script writes it).
     */
    private static final LuaScript COMPLETE = new LuaScript("""
            local n = tonumber(ARGV[4])
            local queued = 0
            if redis.call('GET', KEYS[1]) ~= 'd' then
              for i = 5, 4 + n do
                redis.call('XADD', KEYS[3], '*', 'm', ARGV[i], 'a', '1')
              end
              redis.call('SET', KEYS[1], 'd', 'EX', ARGV[3])
              queued = 1
            end
            if #KEYS == 6 then
              local k, s = 3, 4 + n
            """ + RedisSessionStore.WRITE_SESSION + """
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
    private final PipelinePartitions partitions;
    private final ReplicaAck ack;
    private final Map<String, Integer> partitionOfStream = new HashMap<>();
    /** On a cluster the partitions live on different nodes: one reader each. On one Redis, one reader reads all. */
    private final boolean readerPerPartition;

    private long lastUnderReplicatedWarning;

    /**
     * @param dedupFor how long a message id is remembered (at least 7 days for the chat platforms)
     * @param ack replicas that must have a message before {@link #enqueue} returns
     */
    public RedisInboundQueue(
            UnifiedJedis redis, ObjectMapper mapper, Duration dedupFor, PipelinePartitions partitions, ReplicaAck ack) {
        this.redis = redis;
        this.json = new Json(mapper);
        this.dedupFor = dedupFor;
        this.partitions = partitions;
        this.ack = ack;
        this.readerPerPartition = redis instanceof JedisCluster;
        for (int p = 0; p < partitions.count(); p++) {
            String stream = RedisKeys.inbound(partitions.tag(p));
            partitionOfStream.put(stream, p);
            StreamGroups.ensure(redis, stream, GROUP);
        }
    }

    /** The default partitions, no replica acknowledgement (tests). */
    public RedisInboundQueue(UnifiedJedis redis, ObjectMapper mapper, Duration dedupFor) {
        this(redis, mapper, dedupFor, PipelinePartitions.defaults(), ReplicaAck.NONE);
    }

    @Override
    public EnqueueResult enqueue(Inbound message) {
        String tag = partitions.tagOf(message.channel(), message.userId());
        List<String> keys =
                List.of(RedisKeys.seen(tag, message.channel(), message.messageId()), RedisKeys.inbound(tag));
        List<String> args = List.of(Long.toString(dedupFor.toSeconds()), json.write(message));
        Object id = ack.replicas() == 0 ? ENQUEUE.run(redis, keys, args) : enqueueAndWait(keys, args);
        return id == null ? new EnqueueResult.Duplicate() : new EnqueueResult.Accepted(id.toString());
    }

    /**
     * The enqueue script and {@code WAIT} on the same connection (a pipeline to the partition's master), so that WAIT
     * waits for that write. Fewer replicas than asked within the timeout (a replica is down, or failing over) is
     * logged and the message accepted all the same: refusing would turn a lost replica into an outage.
     */
    private Object enqueueAndWait(List<String> keys, List<String> args) {
        Response<Object> written;
        Response<Long> replicas;
        try (AbstractPipeline pipeline = redis.pipelined()) {
            written = ENQUEUE.queueWithSource(pipeline, keys, args);
            replicas = pipeline.waitReplicas(
                    keys.get(1), ack.replicas(), ack.timeout().toMillis());
            pipeline.sync();
        }
        Object id = written.get();
        if (id != null && replicas.get() < ack.replicas()) {
            warnUnderReplicated(replicas.get());
        }
        return id;
    }

    private synchronized void warnUnderReplicated(long got) {
        long now = System.nanoTime();
        if (now - lastUnderReplicatedWarning > Duration.ofSeconds(10).toNanos()) {
            lastUnderReplicatedWarning = now;
            log.warn(
                    "a message was accepted with {} of {} replicas within {} ms (redis.ack_replicas); a replica is"
                            + " missing or slow",
                    got,
                    ack.replicas(),
                    ack.timeout().toMillis());
        }
    }

    @Override
    public int readers() {
        return readerPerPartition ? partitions.count() : 1;
    }

    @Override
    public List<Delivery> read(int reader, String consumer, int max, Duration block) {
        List<String> streams = readerPerPartition
                ? List.of(RedisKeys.inbound(partitions.tag(reader)))
                : IntStream.range(0, partitions.count())
                        .mapToObj(p -> RedisKeys.inbound(partitions.tag(p)))
                        .toList();
        return StreamGroups.readNew(redis, streams, GROUP, consumer, max, block).stream()
                .map(r ->
                        toDelivery(partitionOfStream.get(r.stream()), r.entry().getID(), r.entry(), 1))
                .toList();
    }

    /** Looks at every partition in turn; at most {@code max} messages of each. */
    @Override
    public List<Delivery> reclaim(String consumer, Duration minIdle, int max) {
        List<Delivery> out = new ArrayList<>();
        for (int p = 0; p < partitions.count(); p++) {
            String stream = RedisKeys.inbound(partitions.tag(p));
            for (var entry : StreamGroups.claimIdle(redis, stream, GROUP, consumer, minIdle, max)) {
                long deliveries = StreamGroups.deliveries(redis, stream, GROUP, entry.getID());
                out.add(toDelivery(p, entry.getID(), entry, deliveries));
            }
        }
        return out;
    }

    @Override
    public boolean complete(Delivery delivery, List<Outbound> replies) {
        Planned plan = plan(new Completion(delivery, replies), null);
        enqueueElsewhere(plan.elsewhere(), List.of());
        return Long.valueOf(1).equals(COMPLETE.run(redis, plan.keys(), plan.args()));
    }

    /** Session changes made on this thread until its completions are written with them ({@link LaneBatch}). */
    @Override
    public Unit openUnit() {
        return LaneBatch.open();
    }

    /**
     * One pipelined round trip of COMPLETE scripts, each in its sender's partition, carrying the sender's session as the
     * thread's {@link LaneBatch} holds it (with the sender's first message of the list: a redelivery of a later one
     * then finds its turn in the session and replays it). Before them, only when there are any, one round trip for what
     * cannot go into those scripts: notifications to users of other partitions (idempotent by their ids, so a
     * redelivery queues them once) and session changes of users without a message in the list. When Redis lost its
     * script cache (a restart), the completions that met NOSCRIPT are redone one by one, which loads the script.
     */
    @Override
    public void completeAll(List<Completion> completions) {
        LinkedHashMap<String, LaneBatch.Write> writes =
                LaneBatch.current().map(LaneBatch::takeWrites).orElseGet(LinkedHashMap::new);
        List<Planned> plans = new ArrayList<>(completions.size());
        List<Outbound> elsewhere = new ArrayList<>();
        for (Completion c : completions) {
            Inbound m = c.delivery().message();
            Planned plan = plan(c, writes.remove(RedisSessionStore.userKey(m.channel(), m.userId())));
            plans.add(plan);
            elsewhere.addAll(plan.elsewhere());
        }
        enqueueElsewhere(elsewhere, List.copyOf(writes.values()));
        if (plans.size() == 1) {
            COMPLETE.run(redis, plans.get(0).keys(), plans.get(0).args());
            return;
        }
        List<LuaScript.Queued> queued = new ArrayList<>(plans.size());
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (Planned plan : plans) {
                queued.add(COMPLETE.queue(pipeline, plan.keys(), plan.args()));
            }
            pipeline.sync();
        }
        for (LuaScript.Queued q : queued) {
            q.result(redis);
        }
    }

    /** A completion script's keys and arguments, and the replies to users of other partitions. */
    private record Planned(List<String> keys, List<String> args, List<Outbound> elsewhere) {}

    private Planned plan(Completion c, LaneBatch.Write session) {
        Inbound m = c.delivery().message();
        String tag = partitions.tagOf(m.channel(), m.userId());
        Entry entry = Entry.parse(c.delivery().entryId());
        List<String> keys = new ArrayList<>(5);
        keys.add(RedisKeys.seen(tag, m.channel(), m.messageId()));
        keys.add(RedisKeys.inbound(partitions.tag(entry.partition())));
        keys.add(RedisKeys.outbound(tag));
        List<String> here = new ArrayList<>(c.replies().size());
        List<Outbound> elsewhere = new ArrayList<>();
        for (Outbound reply : c.replies()) {
            if (partitions.tagOf(reply.channel(), reply.userId()).equals(tag)) {
                here.add(json.write(reply));
            } else {
                elsewhere.add(reply);
            }
        }
        List<String> args = new ArrayList<>(4 + here.size() + 5);
        args.add(GROUP);
        args.add(entry.id());
        args.add(Long.toString(dedupFor.toSeconds()));
        args.add(Integer.toString(here.size()));
        args.addAll(here);
        if (session != null) {
            keys.addAll(session.keys());
            args.addAll(session.args());
        }
        return new Planned(keys, args, elsewhere);
    }

    /** Queues notifications to other partitions and session writes no completion carries, before the completions. */
    private void enqueueElsewhere(List<Outbound> notifications, List<LaneBatch.Write> sessions) {
        if (notifications.isEmpty() && sessions.isEmpty()) {
            return;
        }
        List<Response<Object>> responses = new ArrayList<>();
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (LaneBatch.Write w : sessions) {
                responses.add(RedisSessionStore.saveScript().queueWithSource(pipeline, w.keys(), w.args()));
            }
            for (Outbound n : notifications) {
                responses.add(RedisOutboundQueue.queueEnqueue(pipeline, partitions, json, n, dedupFor));
            }
            pipeline.sync();
        }
        responses.forEach(Response::get); // throws if one failed: the messages are then redelivered
    }

    @Override
    public boolean isComplete(Inbound message) {
        String tag = partitions.tagOf(message.channel(), message.userId());
        return "d".equals(redis.get(RedisKeys.seen(tag, message.channel(), message.messageId())));
    }

    @Override
    public void deadLetter(Delivery delivery, String reason) {
        Entry entry = Entry.parse(delivery.entryId());
        String tag = partitions.tag(entry.partition());
        DEAD_LETTER.run(
                redis,
                List.of(RedisKeys.inbound(tag), RedisKeys.inboundDead(tag)),
                List.of(
                        GROUP,
                        entry.id(),
                        json.write(delivery.message()),
                        reason,
                        Long.toString(delivery.deliveries())));
    }

    private Delivery toDelivery(
            int partition, StreamEntryID id, redis.clients.jedis.resps.StreamEntry entry, long deliveries) {
        Inbound message = json.read(entry.getFields().get("m"), Inbound.class);
        return new Delivery(new Entry(partition, id.toString()).toString(), message, deliveries);
    }

    /** A stream entry id with its partition, as a {@link Delivery}'s entry id: {@code <partition>/<id>}. */
    record Entry(int partition, String id) {
        static Entry parse(String entryId) {
            int slash = entryId.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("not a partitioned entry id: " + entryId);
            }
            return new Entry(Integer.parseInt(entryId.substring(0, slash)), entryId.substring(slash + 1));
        }

        @Override
        public String toString() {
            return partition + "/" + id;
        }
    }
}
