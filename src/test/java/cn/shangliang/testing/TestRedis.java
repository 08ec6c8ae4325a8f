package cn.shangliang.testing;

import cn.shangliang.store.EmbeddedRedis;
import cn.shangliang.store.RedisConnector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.clients.jedis.UnifiedJedis;

/**
 * A real Redis for one test class: {@code REDIS_URL} when set (flushed first), else an embedded redis-server on a
 * temporary data directory.
 */
public final class TestRedis implements AutoCloseable {

    private final EmbeddedRedis embedded;
    private final String url;
    private final UnifiedJedis client;

    private TestRedis(EmbeddedRedis embedded, String url) {
        this.embedded = embedded;
        this.url = url;
        this.client = RedisConnector.connect(url, 16);
    }

    public static TestRedis start() {
        String external = System.getenv("REDIS_URL");
        if (external != null && !external.isBlank()) {
            TestRedis redis = new TestRedis(null, external);
            redis.client.flushDB();
            return redis;
        }
        try {
            Path dir = Files.createTempDirectory("shangliang-redis");
            EmbeddedRedis embedded = EmbeddedRedis.start(dir, 0);
            return new TestRedis(embedded, embedded.url());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return url;
    }

    /** A client for assertions; the code under test gets its own. */
    public UnifiedJedis client() {
        return client;
    }

    /** Whether this is an embedded server the test may stop. */
    public boolean stoppable() {
        return embedded != null;
    }

    /** Stops the embedded server, as if Redis went away. */
    public void stopServer() {
        if (embedded == null) {
            throw new IllegalStateException("cannot stop an external REDIS_URL");
        }
        embedded.close();
    }

    public void flush() {
        client.flushDB();
    }

    @Override
    public void close() {
        client.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
