package cn.shangliang.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.channel.RateLimiter;
import cn.shangliang.testing.MutableClock;
import cn.shangliang.testing.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-recipient allowances measured over a sliding window, as "one message per second per chat" needs. */
class RedisRateLimiterIT {

    private static final RateLimiter.Request ONE_PER_SECOND =
            new RateLimiter.Request("telegram", "5099887766", 1, Duration.ofSeconds(1));

    private TestRedis redis;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T04:00:00.999Z"), ZoneId.of("UTC"));
    private RedisRateLimiter limiter;

    @BeforeEach
    void start() {
        redis = TestRedis.start();
        limiter = new RedisRateLimiter(redis.client(), clock);
    }

    @AfterEach
    void stop() {
        redis.close();
    }

    private Optional<Duration> take(RateLimiter.Request request) {
        return limiter.acquire(List.of(request)).get(0);
    }

    @Test
    void onePerSecond_holdsAcrossAWholeSecondBoundary() {
        assertThat(take(ONE_PER_SECOND)).isEmpty(); // at .999

        clock.advance(Duration.ofMillis(2)); // 04:00:01.001, a new calendar second
        assertThat(take(ONE_PER_SECOND)).contains(Duration.ofMillis(998));

        clock.advance(Duration.ofMillis(998)); // one second after the first send
        assertThat(take(ONE_PER_SECOND)).isEmpty();
        assertThat(take(ONE_PER_SECOND)).contains(Duration.ofSeconds(1));
    }

    @Test
    void allowance_isPerRecipient_andDeniedSendsAreNotCounted() {
        var other = new RateLimiter.Request("telegram", "-1001234567890:6012345678", 1, Duration.ofSeconds(1));

        List<Optional<Duration>> answers = limiter.acquire(List.of(ONE_PER_SECOND, ONE_PER_SECOND, other));

        assertThat(answers.get(0)).isEmpty();
        assertThat(answers.get(1)).contains(Duration.ofSeconds(1));
        assertThat(answers.get(2)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(take(ONE_PER_SECOND)).isEmpty();
    }

    @Test
    void afterRedisLostItsScripts_theAllowancesStillHold() {
        assertThat(take(ONE_PER_SECOND)).isEmpty();
        redis.client().scriptFlush(); // as after a Redis restart

        List<Optional<Duration>> answers = limiter.acquire(List.of(ONE_PER_SECOND, ONE_PER_SECOND));

        assertThat(answers).containsExactly(Optional.of(Duration.ofSeconds(1)), Optional.of(Duration.ofSeconds(1)));
    }

    @Test
    void severalPerWindow_countSendsOfTheLastWindow() {
        var twoPerMinute = new RateLimiter.Request("generic", "u", 2, Duration.ofMinutes(1));

        assertThat(take(twoPerMinute)).isEmpty();
        clock.advance(Duration.ofSeconds(40));
        assertThat(take(twoPerMinute)).isEmpty();
        assertThat(take(twoPerMinute)).contains(Duration.ofSeconds(20));
        clock.advance(Duration.ofSeconds(20));
        assertThat(take(twoPerMinute)).isEmpty();
        assertThat(take(twoPerMinute)).contains(Duration.ofSeconds(40));
    }

    @Test
    void idleRecipient_leavesNoKeyBehind() {
        take(ONE_PER_SECOND);
        assertThat(redis.client().pttl(RedisKeys.rateLog("telegram", "5099887766")))
                .isPositive()
                .isLessThanOrEqualTo(1000);
    }
}
