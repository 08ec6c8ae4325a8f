package cn.shangliang.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.UnifiedJedis;

/**
 * One {@link TestRedis} for a test class, started before its first test, emptied before each test and stopped after
 * the last: {@code @RegisterExtension static final RedisPerClass redis = new RedisPerClass();}
 */
public final class RedisPerClass implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private TestRedis redis;

    @Override
    public void beforeAll(ExtensionContext context) {
        redis = TestRedis.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        redis.flush();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        redis.close();
    }

    /** A client for set-up and assertions; the code under test may share it or connect to {@link #url()}. */
    public UnifiedJedis client() {
        return redis.client();
    }

    public String url() {
        return redis.url();
    }
}
