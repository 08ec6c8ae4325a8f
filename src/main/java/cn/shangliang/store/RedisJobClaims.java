package cn.shangliang.store;

import cn.shangliang.consultation.JobClaims;
import java.time.Duration;
import java.time.LocalDate;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/** One {@code SET NX} per job and day: atomic, so one process wins however many try. */
public final class RedisJobClaims implements JobClaims {

    private final UnifiedJedis redis;

    public RedisJobClaims(UnifiedJedis redis) {
        this.redis = redis;
    }

    @Override
    public boolean claim(String job, LocalDate day) {
        String key = RedisKeys.jobClaim(job, day.toString());
        return "OK"
                .equals(redis.set(
                        key,
                        "1",
                        SetParams.setParams().nx().ex(Duration.ofDays(3).toSeconds())));
    }
}
