package cn.shangliang.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

class EmbeddedRedisIT {

    @TempDir
    Path dataDir;

    @Test
    void secondServerOnSameDataDir_isRefusedWithClearMessage_andFindsTheRunningOne() {
        try (EmbeddedRedis first = EmbeddedRedis.start(dataDir, 0)) {
            assertThatThrownBy(() -> EmbeddedRedis.start(dataDir, 0))
                    .isInstanceOf(EmbeddedRedis.DataDirInUseException.class)
                    .hasMessageContaining(dataDir.toAbsolutePath().toString())
                    .hasMessageContaining("in use by another running Shangliang server")
                    .hasMessageContaining(first.url());

            assertThat(EmbeddedRedis.runningServerUrl(dataDir)).contains(first.url());
        }
        assertThat(EmbeddedRedis.runningServerUrl(dataDir)).isEmpty();
    }

    @Test
    void data_survivesRestart_inAppendOnlyFile() {
        try (EmbeddedRedis redis = EmbeddedRedis.start(dataDir, 0);
                UnifiedJedis client = RedisConnector.connect(redis.url(), 4)) {
            client.set("durable", "yes");
        }
        assertThat(Files.exists(dataDir.resolve("appendonly.aof"))).isTrue();
        try (EmbeddedRedis redis = EmbeddedRedis.start(dataDir, 0);
                UnifiedJedis client = RedisConnector.connect(redis.url(), 4)) {
            assertThat(client.get("durable")).isEqualTo("yes");
        }
    }

    @Test
    void connector_refusesUnknownSchemes() {
        assertThatThrownBy(() -> RedisConnector.connect("http://localhost:6379", 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redis://");
        assertThat(RedisConnector.redact("redis://:secret@host:6379/0")).isEqualTo("redis://***@host:6379/0");
    }
}
