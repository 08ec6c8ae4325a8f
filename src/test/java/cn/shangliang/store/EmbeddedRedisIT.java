package cn.shangliang.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

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
                    .hasMessageContaining("redis://***@127.0.0.1:" + first.port())
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(first.url()));

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

    @Test
    void dataDirectory_isOwnerOnly_andRedisWantsThePasswordKeptThere() throws Exception {
        Path dir = dataDir.resolve("data");
        try (EmbeddedRedis redis = EmbeddedRedis.start(dir, 0);
                Jedis client = new Jedis(java.net.URI.create(redis.url()), 2000)) {
            client.set("resident", "13912345678");
            client.bgsave(); // dump.rdb
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("dump.rdb")));
            client.bgrewriteaof(); // a rewritten append-only file
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> client.info("persistence").contains("aof_rewrite_in_progress:0"));

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                    .isEqualTo("rwx------");
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dir)) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            assertThat(files)
                    .extracting(p -> p.getFileName().toString())
                    .contains(
                            "appendonly.aof",
                            "dump.rdb",
                            "redis.url",
                            "redis.password",
                            "redis.conf",
                            "shangliang.lock");
            assertThat(files)
                    .allSatisfy(f -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                            .as(f.toString())
                            .isEqualTo("rw-------"));

            String password = Files.readString(dir.resolve("redis.password")).trim();
            assertThat(password).matches("[0-9a-f]{64}");
            assertThat(Files.readString(dir.resolve("redis.url"))).doesNotContain(password);
            assertThat(EmbeddedRedis.runningServerUrl(dir)).contains(redis.url());
            try (Jedis anonymous = new Jedis("127.0.0.1", redis.port(), 2000)) {
                assertThatThrownBy(anonymous::ping)
                        .isInstanceOf(JedisDataException.class)
                        .hasMessageContaining("NOAUTH");
            }
            assertThat(client.configGet("bind")).containsEntry("bind", "127.0.0.1");
            assertThat(client.configGet("requirepass")).containsEntry("requirepass", password);
        }
        // the next start keeps the password, so that tools and backups set up with it keep working
        String before = Files.readString(dir.resolve("redis.password"));
        try (EmbeddedRedis again = EmbeddedRedis.start(dir, 0);
                UnifiedJedis client = RedisConnector.connect(again.url(), 4)) {
            assertThat(Files.readString(dir.resolve("redis.password"))).isEqualTo(before);
            assertThat(client.get("resident")).isEqualTo("13912345678");
        }
    }

    @Test
    void redisServerKilled_isRestartedOnTheSameData_andCounted() throws Exception {
        try (EmbeddedRedis redis = EmbeddedRedis.start(dataDir, 0);
                UnifiedJedis client = RedisConnector.connect(redis.url(), 4)) {
            client.set("kept", "yes");
            long pid = redis.pid();

            ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL

            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> redis.restarts() == 1 && !redis.restarting());
            assertThat(redis.pid()).isNotEqualTo(pid);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .ignoreExceptions()
                    .untilAsserted(() -> assertThat(client.get("kept")).isEqualTo("yes"));
        }
    }

    @Test
    void start_tightensAnOlderInstallationsFiles_butLeavesUnrelatedOnesAlone() throws Exception {
        Path dir = Files.createDirectories(dataDir.resolve("old"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path aof = Files.writeString(dir.resolve("appendonly.aof"), "");
        Path notes = Files.writeString(dir.resolve("notes.txt"), "operator's notes");
        Files.setPosixFilePermissions(aof, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(notes, PosixFilePermissions.fromString("rw-r--r--"));

        try (EmbeddedRedis redis = EmbeddedRedis.start(dir, 0)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                    .isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(aof)))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(notes)))
                    .isEqualTo("rw-r--r--");
        }
    }
}
