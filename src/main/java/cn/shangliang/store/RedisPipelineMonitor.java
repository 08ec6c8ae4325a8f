package cn.shangliang.store;

import cn.shangliang.channel.PipelineMonitor;
import redis.clients.jedis.UnifiedJedis;

public final class RedisPipelineMonitor implements PipelineMonitor {

    private final UnifiedJedis redis;

    public RedisPipelineMonitor(UnifiedJedis redis) {
        this.redis = redis;
    }

    @Override
    public boolean available() {
        try {
            return "PONG".equals(redis.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public Backlog backlog() {
        return new Backlog(
                redis.xlen(RedisKeys.inbound()),
                redis.xlen(RedisKeys.outbound()),
                redis.zcard(RedisKeys.outboundRetry()),
                redis.xlen(RedisKeys.inboundDead()),
                redis.xlen(RedisKeys.outboundDead()));
    }
}
