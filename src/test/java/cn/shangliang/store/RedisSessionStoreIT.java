package cn.shangliang.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.app.Application;
import cn.shangliang.channel.Inbound;
import cn.shangliang.channel.InboundQueue;
import cn.shangliang.dialogue.Pending;
import cn.shangliang.dialogue.Session;
import cn.shangliang.testing.RedisPerClass;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sessions outside and inside a worker's batch: inside, they are read once, seen changed by the later messages of the
 * batch, and reach Redis only together with the completion of the message that changed them.
 */
class RedisSessionStoreIT {

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    private RedisSessionStore sessions;
    private RedisInboundQueue inbound;

    private static final Session ASKED =
            new Session("", "", false, new Pending.AskPlace("路灯坏了"), "generic:m1", List.of("请问您住在哪个镇、哪个村？"));
    private static final Session PLACED =
            new Session("青阳镇/里庄村", "", false, new Pending.None(), "generic:m2", List.of());

    @BeforeEach
    void setUp() {
        sessions = new RedisSessionStore(redis.client(), Application.objectMapper(), Duration.ofMinutes(30));
        inbound = new RedisInboundQueue(redis.client(), Application.objectMapper(), Duration.ofDays(7));
    }

    private static Inbound message(String id, String user) {
        return new Inbound("generic", id, user, "", "路灯坏了", Instant.parse("2026-11-26T08:00:00Z"), Map.of());
    }

    private InboundQueue.Delivery queued(String id, String user) {
        inbound.enqueue(message(id, user));
        return inbound.read(0, "w1", 10, Duration.ofMillis(100)).getFirst();
    }

    private static InboundQueue.Completion completion(InboundQueue.Delivery d) {
        return new InboundQueue.Completion(d, List.of());
    }

    @Test
    void villageQuestion_isKeptWithItsConcernAndTown() {
        Session asked =
                new Session("青阳镇", "", false, new Pending.AskVillage("路灯坏了", "青阳镇"), "generic:m3", List.of("哪个村？"));
        sessions.save("generic", "u3", asked);

        assertThat(sessions.load("generic", "u3")).isEqualTo(asked);
    }

    @Test
    void heardLanguage_andTheNewQuestions_roundTrip() {
        for (Pending pending : List.<Pending>of(
                new Pending.AskConcern(),
                new Pending.AskWhichMeeting(false, "请假 有事", List.of("qy-town.1", "qy-town.2")),
                new Pending.AskConfirm("路灯坏了", "璜土镇/石庄村", true),
                new Pending.AskChoice("路灯坏了", "璜土镇/石庄村", List.of("HT-20261126-0001"), true))) {
            Session session = new Session("", "", true, pending, "generic:m9", List.of("x"), "en");
            sessions.save("generic", "u-new", session);

            assertThat(sessions.load("generic", "u-new")).isEqualTo(session);
        }
        assertThat(sessions.load("generic", "u-new").readerLanguage()).isEqualTo("en");
    }

    @Test
    void outsideABatch_aSaveIsInRedisAtOnce_andTheTtlIsSet() {
        sessions.save("generic", "u1", ASKED);

        assertThat(sessions.load("generic", "u1")).isEqualTo(ASKED);
        assertThat(redis.client().ttl(cn.shangliang.testing.Pipes.sessionPending("generic", "u1")))
                .isBetween(1L, 1800L);
        assertThat(sessions.load("generic", "nobody")).isEqualTo(Session.fresh());
    }

    @Test
    void withinABatch_aChangeIsSeenAtOnce_butReachesRedisWithTheCompletion() {
        InboundQueue.Delivery d = queued("m1", "u1");
        try (InboundQueue.Unit unit = inbound.openUnit()) {
            sessions.prefetch(List.of(d.message()));
            unit.startMessage();
            sessions.save("generic", "u1", ASKED);
            unit.endMessage(true);

            assertThat(sessions.load("generic", "u1")).isEqualTo(ASKED);
            assertThat(redis.client().exists(cn.shangliang.testing.Pipes.sessionPending("generic", "u1")))
                    .isFalse();

            inbound.completeAll(List.of(completion(d)));
        }

        assertThat(sessions.load("generic", "u1")).isEqualTo(ASKED);
        assertThat(inbound.isComplete(d.message())).isTrue();
    }

    @Test
    void aMessageWhoseHandlingFailed_leavesNoSessionChange_andEarlierChangesStay() {
        sessions.save("generic", "u1", ASKED);
        InboundQueue.Delivery ok = queued("m2", "u2");
        try (InboundQueue.Unit unit = inbound.openUnit()) {
            sessions.prefetch(List.of(ok.message(), message("m3", "u1")));
            unit.startMessage();
            sessions.save("generic", "u2", PLACED);
            unit.endMessage(true);
            unit.startMessage();
            sessions.save("generic", "u1", PLACED);
            sessions.save("generic", "u2", Session.fresh());
            unit.endMessage(false); // the handler threw after saving

            assertThat(sessions.load("generic", "u1")).isEqualTo(ASKED);
            assertThat(sessions.load("generic", "u2")).isEqualTo(PLACED);
            inbound.completeAll(List.of(completion(ok)));
        }

        assertThat(sessions.load("generic", "u1")).isEqualTo(ASKED);
        assertThat(sessions.load("generic", "u2")).isEqualTo(PLACED);
    }

    @Test
    void aBatchClosedWithoutCompletion_dropsItsChanges() {
        try (InboundQueue.Unit unit = inbound.openUnit()) {
            sessions.prefetch(List.of(message("m1", "u1")));
            unit.startMessage();
            sessions.save("generic", "u1", PLACED);
            unit.endMessage(true);
        } // the completion failed (Redis away): the message is redelivered and its turn taken again

        assertThat(sessions.load("generic", "u1")).isEqualTo(Session.fresh());
    }

    @Test
    void prefetch_readsTheSendersOnce_laterLoadsInTheBatchUseWhatWasRead() {
        sessions.save("generic", "u1", ASKED);
        try (InboundQueue.Unit unit = inbound.openUnit()) {
            sessions.prefetch(List.of(message("m1", "u1"), message("m2", "u2"), message("m3", "u1")));
            redis.client()
                    .del(cn.shangliang.testing.Pipes.sessionPending(
                            "generic", "u1")); // not seen: the batch read before

            assertThat(sessions.load("generic", "u1")).isEqualTo(ASKED);
            assertThat(sessions.load("generic", "u2")).isEqualTo(Session.fresh());
        }
        assertThat(sessions.load("generic", "u1").pending()).isEqualTo(new Pending.None());
    }

    @Test
    void completion_afterRedisForgotItsScripts_stillWritesSessionAndCompletes() {
        InboundQueue.Delivery d = queued("m1", "u1");
        sessions.save("generic", "u9", PLACED); // loads the script once
        redis.client().scriptFlush();
        try (InboundQueue.Unit unit = inbound.openUnit()) {
            sessions.prefetch(List.of(d.message()));
            unit.startMessage();
            sessions.save("generic", "u1", ASKED);
            unit.endMessage(true);
            inbound.completeAll(List.of(completion(d)));
        }

        assertThat(sessions.load("generic", "u1")).isEqualTo(ASKED);
        assertThat(inbound.isComplete(d.message())).isTrue();
    }

    @Test
    void withinABatch_theSessionOfAnotherUser_isWrittenAtOnce() {
        InboundQueue.Delivery d = queued("m1", "staff");
        try (InboundQueue.Unit unit = inbound.openUnit()) {
            sessions.prefetch(List.of(d.message()));
            unit.startMessage();
            sessions.save("generic", "reporter", ASKED); // e.g. a rating question after the staff closed an issue
            unit.endMessage(true);

            assertThat(redis.client().exists(cn.shangliang.testing.Pipes.sessionPending("generic", "reporter")))
                    .isTrue();
        }
    }

    @Test
    void prefetch_outsideABatch_doesNothing() {
        sessions.prefetch(List.of(message("m1", "u1")));
        sessions.save("generic", "u1", PLACED);

        assertThat(sessions.load("generic", "u1")).isEqualTo(PLACED);
    }
}
