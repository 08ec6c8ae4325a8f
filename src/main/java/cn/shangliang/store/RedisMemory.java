package cn.shangliang.store;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicReference;
import redis.clients.jedis.UnifiedJedis;

/**
 * Redis's memory as gauges: {@code shangliang.redis.memory.used} and {@code shangliang.redis.memory.max} (bytes; max 0
 * means no {@code maxmemory}), read with {@code INFO memory} at most every ten seconds. On a cluster the node the
 * client's INFO reaches answers; NaN when Redis does not.
 */
public final class RedisMemory {

    private static final long CACHE_NANOS = 10_000_000_000L;

    private record Sample(long at, double used, double max) {}

    private final UnifiedJedis redis;
    private final AtomicReference<Sample> last = new AtomicReference<>(new Sample(0, Double.NaN, Double.NaN));

    private RedisMemory(UnifiedJedis redis) {
        this.redis = redis;
    }

    public static void register(UnifiedJedis redis, MeterRegistry registry) {
        RedisMemory memory = new RedisMemory(redis);
        Gauge.builder("shangliang.redis.memory.used", memory, m -> m.sample().used())
                .description("memory Redis uses (used_memory)")
                .baseUnit("bytes")
                .strongReference(true)
                .register(registry);
        Gauge.builder("shangliang.redis.memory.max", memory, m -> m.sample().max())
                .description("Redis's maxmemory; 0 = unlimited (set it, with noeviction, on an external Redis)")
                .baseUnit("bytes")
                .strongReference(true)
                .register(registry);
    }

    private Sample sample() {
        long now = System.nanoTime();
        Sample s = last.get();
        if (s.at() != 0 && now - s.at() < CACHE_NANOS) {
            return s;
        }
        try {
            String info = redis.info("memory");
            s = new Sample(now, field(info, "used_memory"), field(info, "maxmemory"));
        } catch (RuntimeException e) {
            s = new Sample(now, Double.NaN, Double.NaN);
        }
        last.set(s);
        return s;
    }

    private static double field(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                try {
                    return Double.parseDouble(line.substring(name.length() + 1).strip());
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
        }
        return Double.NaN;
    }
}
