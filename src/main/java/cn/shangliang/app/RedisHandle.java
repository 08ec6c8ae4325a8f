package cn.shangliang.app;

import cn.shangliang.store.EmbeddedRedis;
import cn.shangliang.store.RedisConnector;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/** The Redis a process works on, and the embedded server it may own. */
final class RedisHandle implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisHandle.class);

    private final UnifiedJedis client;
    private final EmbeddedRedis embedded;
    private final String description;

    private RedisHandle(UnifiedJedis client, EmbeddedRedis embedded, String description) {
        this.client = client;
        this.embedded = embedded;
        this.description = description;
    }

    /** For the server: {@code redis.url}, or an embedded Redis that it owns (refused if another server owns it). */
    static RedisHandle forServer(AppConfig config) {
        if (!config.redis().url().isEmpty()) {
            return external(config);
        }
        EmbeddedRedis embedded =
                EmbeddedRedis.start(Path.of(config.dataDir()), config.redis().embeddedPort());
        return new RedisHandle(
                RedisConnector.connect(embedded.url(), config.redis().poolSize()),
                embedded,
                "embedded " + RedisConnector.redact(embedded.url()));
    }

    /**
     * For commands that need data ({@code chat}, {@code report}, imports): {@code redis.url}; else the embedded Redis
     * of a server running on the same data directory; else an embedded Redis of their own.
     */
    static RedisHandle forCommand(AppConfig config) {
        if (!config.redis().url().isEmpty()) {
            return external(config);
        }
        Optional<String> running = EmbeddedRedis.runningServerUrl(Path.of(config.dataDir()));
        if (running.isPresent()) {
            String shown = RedisConnector.redact(running.get());
            log.info("using the Redis of the server running on {}: {}", config.dataDir(), shown);
            return new RedisHandle(
                    RedisConnector.connect(running.get(), config.redis().poolSize()), null, shown);
        }
        return forServer(config);
    }

    private static RedisHandle external(AppConfig config) {
        return new RedisHandle(
                RedisConnector.connect(config.redis().url(), config.redis().poolSize()),
                null,
                RedisConnector.redact(config.redis().url()));
    }

    /** False while the embedded redis-server this process owns is being restarted after it died. */
    boolean serving() {
        return embedded == null || !embedded.restarting();
    }

    /** Restarts of the embedded redis-server after it died (0 for an external Redis). */
    long embeddedRestarts() {
        return embedded == null ? 0 : embedded.restarts();
    }

    UnifiedJedis client() {
        return client;
    }

    String description() {
        return description;
    }

    @Override
    public void close() {
        client.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
