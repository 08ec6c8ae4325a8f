package cn.shangliang.store;

import cn.shangliang.channel.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/** Fixed-window counters in Redis, so that all processes share one allowance per recipient. */
public final class RedisRateLimiter implements RateLimiter {

    private static final String TAKE = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            if n > tonumber(ARGV[1]) then
              redis.call('DECR', KEYS[1])
              return redis.call('PTTL', KEYS[1])
            end
            return -1
            """;

    private final UnifiedJedis redis;
    private final Clock clock;

    public RedisRateLimiter(UnifiedJedis redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    @Override
    public List<Optional<Duration>> acquire(List<Request> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        List<Response<Object>> responses = new ArrayList<>(requests.size());
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (Request r : requests) {
                long windowMs = r.window().toMillis();
                long windowNo = clock.millis() / windowMs;
                responses.add(pipeline.eval(
                        TAKE,
                        List.of(RedisKeys.rateWindow(r.channel(), r.userId(), windowNo)),
                        List.of(Integer.toString(r.max()), Long.toString(windowMs))));
            }
            pipeline.sync();
        }
        List<Optional<Duration>> waits = new ArrayList<>(requests.size());
        for (Response<Object> response : responses) {
            Object wait = response.get();
            long ms = wait == null ? -1 : (Long) wait;
            waits.add(ms < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(Math.max(ms, 1))));
        }
        return waits;
    }
}
