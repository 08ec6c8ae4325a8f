package cn.shangliang.store;

import cn.shangliang.channel.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/** Fixed-window counters in Redis, so that all processes share one allowance per recipient. */
public final class RedisRateLimiter implements RateLimiter {

    private static final LuaScript TAKE = new LuaScript("""
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            if n > tonumber(ARGV[1]) then
              redis.call('DECR', KEYS[1])
              return redis.call('PTTL', KEYS[1])
            end
            return -1
            """);

    private final UnifiedJedis redis;
    private final Clock clock;

    public RedisRateLimiter(UnifiedJedis redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    @Override
    public Optional<Duration> acquire(String channel, String userId, int max, Duration window) {
        long windowMs = window.toMillis();
        long windowNo = clock.millis() / windowMs;
        Object wait = TAKE.run(
                redis,
                List.of(RedisKeys.rateWindow(channel, userId, windowNo)),
                List.of(Integer.toString(max), Long.toString(windowMs)));
        long ms = wait == null ? -1 : (Long) wait;
        return ms < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(Math.max(ms, 1)));
    }
}
