package cn.shangliang.store;

import cn.shangliang.consultation.JobClaims;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * One {@code SET NX} per job and day: atomic, so one process wins however many try. A claim lives until three days
 * after its day (at least three days from now), so a run on demand early in the week still holds the claim of that
 * week's Friday run.
 */
public final class RedisJobClaims implements JobClaims {

    private static final Duration KEEP = Duration.ofDays(3);

    private final UnifiedJedis redis;
    private final Clock clock;

    public RedisJobClaims(UnifiedJedis redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    public RedisJobClaims(UnifiedJedis redis) {
        this(redis, Clock.systemUTC());
    }

    @Override
    public boolean claim(String job, LocalDate day) {
        String key = RedisKeys.jobClaim(job, day.toString());
        Instant afterDay =
                day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(KEEP);
        Instant fromNow = clock.instant().plus(KEEP);
        Instant expiry = afterDay.isAfter(fromNow) ? afterDay : fromNow;
        return "OK".equals(redis.set(key, "1", SetParams.setParams().nx().exAt(expiry.getEpochSecond())));
    }
}
