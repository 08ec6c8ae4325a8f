package cn.shangliang.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shangliang.app.Application;
import cn.shangliang.channel.Inbound;
import cn.shangliang.channel.InboundQueue;
import cn.shangliang.channel.Outbound;
import cn.shangliang.dialogue.Pending;
import cn.shangliang.dialogue.Session;
import cn.shangliang.testing.RedisPerClass;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.params.XAddParams;

/**
 * The pipeline's partitions on one Redis: a message, its replies and its sender's session in the sender's partition,
 * notifications to others in theirs, the layout switch only when drained, sessions carried over, and the enqueue that
 * waits for replicas.
 */
class PartitionedPipelineIT {

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    private static final Instant AT = Instant.parse("2026-11-26T08:00:00Z");
    private static final Session PLACED =
            new Session("青阳镇/里庄村", "", false, new Pending.None(), "generic:m1", List.of("好的"));

    private final PipelinePartitions partitions = new PipelinePartitions(8);

    private RedisInboundQueue inbound(ReplicaAck ack) {
        return new RedisInboundQueue(redis.client(), Application.objectMapper(), Duration.ofDays(7), partitions, ack);
    }

    private static Inbound message(String id, String user) {
        return new Inbound("generic", id, user, "", "路灯坏了", AT, Map.of());
    }

    /** Two users in different partitions. */
    private String[] usersInTwoPartitions() {
        String a = "resident-0";
        for (int i = 1; ; i++) {
            String b = "staff-" + i;
            if (partitions.of("generic", a) != partitions.of("generic", b)) {
                return new String[] {a, b};
            }
        }
    }

    @Test
    void completion_repliesAndSessionInTheSendersPartition_notificationInTheRecipients_once() {
        String[] users = usersInTwoPartitions();
        RedisInboundQueue inbound = inbound(ReplicaAck.NONE);
        RedisSessionStore sessions = new RedisSessionStore(
                redis.client(), Application.objectMapper(), Duration.ofMinutes(30), PipelineLayout.of(partitions));
        inbound.enqueue(message("m1", users[0]));
        String senderTag = partitions.tagOf("generic", users[0]);
        String otherTag = partitions.tagOf("generic", users[1]);
        assertThat(redis.client().xlen(RedisKeys.inbound(senderTag))).isEqualTo(1);

        InboundQueue.Delivery d =
                inbound.read(0, "w", 10, Duration.ofMillis(100)).getFirst();
        List<Outbound> replies = List.of(
                new Outbound("generic:m1#1", "generic", users[0], "好的", "m1", 1, 1, AT),
                Outbound.notification("generic:m1#2", "generic", users[1], "有新议题", AT));
        try (InboundQueue.Unit unit = inbound.openUnit()) {
            sessions.prefetch(List.of(d.message()));
            unit.startMessage();
            sessions.save("generic", users[0], PLACED);
            unit.endMessage(true);
            inbound.completeAll(List.of(new InboundQueue.Completion(d, replies)));
        }
        inbound.complete(d, replies); // a redelivery of the finished message queues nothing again

        assertThat(redis.client().xlen(RedisKeys.inbound(senderTag))).isZero();
        assertThat(redis.client().xlen(RedisKeys.outbound(senderTag))).isEqualTo(1);
        assertThat(redis.client().xlen(RedisKeys.outbound(otherTag))).isEqualTo(1);
        assertThat(redis.client().exists(RedisKeys.sessionPending(senderTag, "generic", users[0])))
                .isTrue();
        assertThat(sessions.load("generic", users[0])).isEqualTo(PLACED);
        assertThat(inbound.isComplete(message("m1", users[0]))).isTrue();
    }

    @Test
    void layout_fromTheUnpartitionedPipeline_readsOldSessionsUntilWrittenAnew() {
        redis.client().xadd(RedisKeys.legacyInbound(), Map.of("m", "x"), XAddParams.xAddParams());
        assertThatThrownBy(() -> PipelineLayout.open(redis.client(), 8))
                .as("messages still wait in the old stream")
                .hasMessageContaining("drain");
        redis.client().del(RedisKeys.legacyInbound());
        redis.client().xgroupCreate(RedisKeys.legacyInbound(), "workers", null, true); // empty, as a drained one
        redis.client().hset(RedisKeys.userProfile("generic", "old"), Map.of("place", "璜土镇/石庄村", "unsubscribed", "1"));

        PipelineLayout layout = PipelineLayout.open(redis.client(), 8);
        RedisSessionStore sessions =
                new RedisSessionStore(redis.client(), Application.objectMapper(), Duration.ofMinutes(30), layout);

        assertThat(layout.earlier()).isInstanceOf(PipelineLayout.Earlier.Unpartitioned.class);
        assertThat(sessions.load("generic", "old").place()).isEqualTo("璜土镇/石庄村");
        assertThat(sessions.load("generic", "old").unsubscribed()).isTrue();
        sessions.save("generic", "old", PLACED);
        assertThat(sessions.load("generic", "old")).isEqualTo(PLACED);
    }

    @Test
    void layout_anotherCount_isRefusedUntilDrained_thenCarriesSessionsOver() {
        PipelineLayout eight = PipelineLayout.open(redis.client(), 8);
        RedisInboundQueue inbound = inbound(ReplicaAck.NONE);
        new RedisSessionStore(redis.client(), Application.objectMapper(), Duration.ofMinutes(30), eight)
                .save("generic", "u1", PLACED);
        inbound.enqueue(message("m1", "u1"));

        assertThatThrownBy(() -> PipelineLayout.open(redis.client(), 4))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("8 partitions");
        InboundQueue.Delivery d =
                inbound.read(0, "w", 10, Duration.ofMillis(100)).getFirst();
        inbound.complete(d, List.of());

        PipelineLayout four = PipelineLayout.open(redis.client(), 4);
        assertThat(four.partitions().count()).isEqualTo(4);
        assertThat(new RedisSessionStore(redis.client(), Application.objectMapper(), Duration.ofMinutes(30), four)
                        .load("generic", "u1"))
                .isEqualTo(PLACED);
        assertThat(PipelineLayout.open(redis.client(), 4).earlier())
                .isInstanceOf(PipelineLayout.Earlier.Partitioned.class);
    }

    @Test
    void enqueue_waitingForAReplicaThatIsNotThere_acceptsAfterTheTimeout() {
        RedisInboundQueue inbound = inbound(new ReplicaAck(1, Duration.ofMillis(150)));
        long start = System.nanoTime();

        assertThat(inbound.enqueue(message("m1", "u1"))).isInstanceOf(InboundQueue.EnqueueResult.Accepted.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(inbound.enqueue(message("m1", "u1"))).isInstanceOf(InboundQueue.EnqueueResult.Duplicate.class);
    }
}
