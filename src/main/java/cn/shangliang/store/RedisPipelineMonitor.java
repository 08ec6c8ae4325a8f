package cn.shangliang.store;

import cn.shangliang.channel.PipelineMonitor;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

public final class RedisPipelineMonitor implements PipelineMonitor {

    private final UnifiedJedis redis;
    private final PipelinePartitions partitions;
    /** One key in the slot of each partition, and the topic feed: what the pipeline and the matcher need. */
    private final List<String> probes;

    public RedisPipelineMonitor(UnifiedJedis redis, PipelinePartitions partitions) {
        this.redis = redis;
        this.partitions = partitions;
        List<String> keys = new ArrayList<>();
        partitions.tags().forEach(tag -> keys.add(RedisKeys.inbound(tag)));
        keys.add(RedisKeys.topicChanges());
        this.probes = List.copyOf(keys);
    }

    /**
     * A keyed command on the slot of every partition and of the topic feed, each routed to the master that holds
     * that slot now. Not PING: on a cluster Jedis broadcasts it to the masters it found at start-up, a list that a
     * failover does not refresh, so it would fail for good once one of them died. Keyed commands follow the slots
     * (the client refreshes its slot map when a node fails or answers MOVED), so this is true again as soon as every
     * slot has a master.
     */
    @Override
    public boolean available() {
        try {
            for (String key : probes) {
                redis.exists(key);
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Five counters per partition, in one round trip. */
    @Override
    public List<Backlog> backlogByPartition() {
        List<List<Response<Long>>> counts = new ArrayList<>(partitions.count());
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (String tag : partitions.tags()) {
                counts.add(List.of(
                        pipeline.xlen(RedisKeys.inbound(tag)),
                        pipeline.xlen(RedisKeys.outbound(tag)),
                        pipeline.zcard(RedisKeys.outboundRetry(tag)),
                        pipeline.xlen(RedisKeys.inboundDead(tag)),
                        pipeline.xlen(RedisKeys.outboundDead(tag))));
            }
            pipeline.sync();
        }
        return counts.stream()
                .map(c -> new Backlog(
                        c.get(0).get(),
                        c.get(1).get(),
                        c.get(2).get(),
                        c.get(3).get(),
                        c.get(4).get()))
                .toList();
    }
}
