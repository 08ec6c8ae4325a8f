package cn.shangliang.testing;

import cn.shangliang.app.AppConfig;
import cn.shangliang.app.Application;
import cn.shangliang.consultation.Router;
import cn.shangliang.store.RedisConcernDesk;
import java.time.Clock;
import java.time.Duration;

/** A {@link RedisConcernDesk} on a test's Redis, for seeding issues beside a running application. */
public final class TestDesks {

    private TestDesks() {}

    /** Writes issues as the application would, without notifying anyone or publishing topics. */
    public static RedisConcernDesk quiet(TestRedis redis, AppConfig config) {
        return new RedisConcernDesk(
                redis.client(),
                config.regionsModel(),
                new Router(config.categories(), t -> t),
                Clock.systemUTC(),
                t -> {},
                (key, reporter, supporters, issue, target) -> {},
                Duration.ofDays(14),
                Application.objectMapper());
    }
}
