package cn.shangliang.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.app.Application;
import cn.shangliang.channel.Outbound;
import cn.shangliang.consultation.AuditLog;
import cn.shangliang.testing.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;

/** The bounds on Redis keys that personal data and the audit log rely on, on a real Redis. */
class RedisRetentionIT {

    private TestRedis redis;

    @BeforeEach
    void start() {
        redis = TestRedis.start();
    }

    @AfterEach
    void stop() {
        redis.close();
    }

    @Test
    void inbox_dropsRepliesOlderThanItsKeep_andExpires() {
        String key = RedisKeys.inbox("webchat", "keeper01");
        long old = System.currentTimeMillis() - Duration.ofDays(40).toMillis();
        redis.client().xadd(key, new StreamEntryID(old, 0), Map.of("m", "{}"));
        RedisInbox inbox = new RedisInbox(redis.client(), Application.objectMapper(), Duration.ofDays(30));

        inbox.append(Outbound.notification("n1", "webchat", "keeper01", "你好", Instant.now()));

        assertThat(redis.client().xlen(key)).isEqualTo(1);
        assertThat(redis.client().ttl(key))
                .isBetween(Duration.ofDays(29).toSeconds(), Duration.ofDays(30).toSeconds());
    }

    @Test
    void auditLog_newestFirst_pagesWithBefore_andIsTrimmedByAge() {
        long old = System.currentTimeMillis() - Duration.ofDays(10).toMillis();
        redis.client().xadd(RedisKeys.auditLog(), new StreamEntryID(old, 0), Map.of("who", "ancient"));
        RedisAuditLog audit = new RedisAuditLog(redis.client(), Duration.ofDays(7), 1000);
        Instant at = Instant.parse("2026-12-01T02:00:00Z");

        for (int i = 0; i < 3; i++) {
            audit.record(
                    new AuditLog.Entry("", at.plusSeconds(i), "qy-staff", "read", "/api/issues/QY-" + i, "GET 200"));
        }

        List<AuditLog.Entry> first = audit.recent("", 2);
        assertThat(first).extracting(AuditLog.Entry::what).containsExactly("/api/issues/QY-2", "/api/issues/QY-1");
        assertThat(first.getFirst().at()).isEqualTo(at.plusSeconds(2));
        List<AuditLog.Entry> next = audit.recent(first.getLast().id(), 10);
        assertThat(next)
                .extracting(AuditLog.Entry::who)
                .containsExactly("qy-staff")
                .as("the 10-day-old entry is gone");
    }

    @Test
    void memoryGauges_readRedisInfo() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RedisMemory.register(redis.client(), registry);

        assertThat(registry.get("shangliang.redis.memory.used").gauge().value()).isPositive();
        assertThat(registry.get("shangliang.redis.memory.max").gauge().value()).isNotNaN();
    }
}
