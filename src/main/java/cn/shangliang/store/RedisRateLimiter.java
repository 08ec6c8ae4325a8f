package cn.shangliang.store;

import cn.shangliang.channel.RateLimiter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;

/** Sliding-window send logs in Redis, so that all processes share one allowance per recipient. */
public final class RedisRateLimiter implements RateLimiter {

    /**
     * A sliding log per recipient: the times of the sends of the last window. A send may go while fewer than
     * {@code max} are logged; otherwise the answer is how long until the oldest leaves the window. (Fixed windows let
     * two sends through a few milliseconds apart across a window boundary, which breaks "one per second" limits.)
     */
    private static final LuaScript TAKE = new LuaScript("""
            local now = tonumber(ARGV[3])
            local window = tonumber(ARGV[2])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
            if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
              redis.call('ZADD', KEYS[1], now, ARGV[4])
              redis.call('PEXPIRE', KEYS[1], window)
              return -1
            end
            local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
            return tonumber(oldest[2]) + window - now
            """);

    private final UnifiedJedis redis;
    private final Clock clock;
    /** Makes log entries unique across processes that share the Redis. */
    private final String nonce = Long.toHexString(new SecureRandom().nextLong());

    private final AtomicLong sequence = new AtomicLong();

    public RedisRateLimiter(UnifiedJedis redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    @Override
    public List<Optional<Duration>> acquire(List<Request> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        long now = clock.millis();
        List<LuaScript.Queued> queued = new ArrayList<>(requests.size());
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (Request r : requests) {
                queued.add(TAKE.queue(
                        pipeline,
                        List.of(RedisKeys.rateLog(r.channel(), r.userId())),
                        List.of(
                                Integer.toString(r.max()),
                                Long.toString(r.window().toMillis()),
                                Long.toString(now),
                                now + ":" + nonce + ":" + sequence.incrementAndGet())));
            }
            pipeline.sync();
        }
        List<Optional<Duration>> waits = new ArrayList<>(requests.size());
        for (LuaScript.Queued q : queued) {
            Object wait = q.result(redis); // runs the script again if Redis lost its scripts
            long ms = wait == null ? -1 : (Long) wait;
            waits.add(ms < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(Math.max(ms, 1))));
        }
        return waits;
    }
}
