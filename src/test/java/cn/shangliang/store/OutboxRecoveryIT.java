package cn.shangliang.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shangliang.app.Application;
import cn.shangliang.channel.Outbound;
import cn.shangliang.consultation.Access;
import cn.shangliang.consultation.Category;
import cn.shangliang.consultation.Consultation;
import cn.shangliang.consultation.IssueAction;
import cn.shangliang.consultation.IssueRules;
import cn.shangliang.consultation.Outbox;
import cn.shangliang.consultation.Place;
import cn.shangliang.consultation.Regions;
import cn.shangliang.consultation.Reporter;
import cn.shangliang.consultation.Router;
import cn.shangliang.consultation.Staff;
import cn.shangliang.consultation.Topic;
import cn.shangliang.consultation.Town;
import cn.shangliang.consultation.Transition;
import cn.shangliang.dialogue.NoticeRenderer;
import cn.shangliang.dialogue.Pending;
import cn.shangliang.dialogue.Responses;
import cn.shangliang.jobs.OutboxRelay;
import cn.shangliang.testing.RedisPerClass;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The outbox: a process that dies after a change is written and before anything is sent leaves the change's notices
 * and topic events in Redis; the relay of the next process delivers each exactly once.
 */
class OutboxRecoveryIT {

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    private final ObjectMapper mapper = Application.objectMapper();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private final Regions regions = new Regions(List.of(new Town("青阳镇", "QY", List.of("里庄村"))));
    private final Reporter zhang = new Reporter("wecom", "zhang");
    private final Reporter li = new Reporter("telegram", "li");
    private final Staff admin = Staff.cityWide("admin");
    private final List<Topic> published = new ArrayList<>();
    private static final cn.shangliang.consultation.MeetingListener NO_MEETINGS =
            new cn.shangliang.consultation.MeetingListener() {
                public void booked(cn.shangliang.consultation.Meeting m) {}

                public void changed(cn.shangliang.consultation.Meeting b, cn.shangliang.consultation.Meeting a) {}

                public void cancelled(cn.shangliang.consultation.Meeting m) {}
            };

    /** A process whose delivery after each change never happens (it dies first). */
    private Consultation dyingProcess(RedisIssueStore store) {
        return new Consultation(
                store,
                new IssueRules(
                        new Router(List.of(new Category("照明", Topic.Level.VILLAGE, List.of("路灯"))), t -> t),
                        Duration.ofDays(14)),
                new Access(List.of()),
                regions,
                clock,
                code -> {});
    }

    private OutboxRelay nextProcessRelay(RedisIssueStore store, RedisSessionStore sessions) {
        Responses responses = Responses.load(Path.of("intents/responses.yml"), new Random(1));
        return new OutboxRelay(
                List.of(new OutboxRelay.Source(store, () -> List.of("QY"))),
                store,
                new NoticeRenderer(responses, sessions, clock)::render,
                new RedisOutboundQueue(redis.client(), mapper, Duration.ofDays(8)),
                published::add,
                NO_MEETINGS,
                Thread.ofPlatform().daemon().factory());
    }

    private List<Outbound> sent() {
        List<Outbound> out = new ArrayList<>();
        for (StreamEntry e : cn.shangliang.testing.Pipes.outboundEntries(redis.client())) {
            try {
                out.add(mapper.readValue(e.getFields().get("m"), Outbound.class));
            } catch (Exception ex) {
                throw new AssertionError(ex);
            }
        }
        return out;
    }

    @Test
    void crashBetweenChangeAndSending_everyNoticeArrivesOnceAfterRecovery() {
        RedisIssueStore store = new RedisIssueStore(redis.client(), mapper);
        RedisSessionStore sessions = new RedisSessionStore(redis.client(), mapper, Duration.ofMinutes(30));
        Consultation before = dyingProcess(store);
        String no = before.file("m1", zhang, new Place("青阳镇", "里庄村"), "路灯坏了").trackingNo();
        before.support("m2", li, no);
        assertThat(before.transition("t1", admin, no, new IssueAction.Reject("归供电所，已转12345")))
                .isInstanceOf(Transition.Done.class);
        // the redelivered request after the crash: already applied, nothing new goes to the outbox
        assertThat(before.transition("t1", admin, no, new IssueAction.Reject("归供电所，已转12345")))
                .isInstanceOf(Transition.Done.class);
        assertThat(sent()).isEmpty();

        try (OutboxRelay relay = nextProcessRelay(store, sessions)) {
            relay.drainAll();
            relay.drainAll(); // a second sweep (or a second process) delivers nothing twice
        }

        assertThat(sent()).extracting(Outbound::userId).containsExactlyInAnyOrder("zhang", "li");
        assertThat(sent())
                .allSatisfy(
                        m -> assertThat(m.text()).contains("12345").contains(no).contains("未受理"));
        assertThat(published).extracting(Topic::status).contains(Topic.Status.REJECTED);
        assertThat(store.ofUser(li, 5)).containsExactly(no);
        assertThat(store.pending("QY", 10)).isEmpty();
    }

    @Test
    void deliveredButNotForgotten_isDeliveredAgain_andDroppedByItsId() {
        RedisIssueStore store = new RedisIssueStore(redis.client(), mapper);
        RedisSessionStore sessions = new RedisSessionStore(redis.client(), mapper, Duration.ofMinutes(30));
        Consultation before = dyingProcess(store);
        String no = before.file("m1", zhang, new Place("青阳镇", "里庄村"), "路灯坏了").trackingNo();
        before.transition("t1", admin, no, new IssueAction.Schedule(""));
        before.transition("t2", admin, no, new IssueAction.RecordOutcome("下周换灯"));
        before.transition("t3", admin, no, new IssueAction.Close());
        Outbox diesBeforeForgetting = new Outbox() {
            @Override
            public List<Entry> pending(String townCode, int max) {
                return store.pending(townCode, max);
            }

            @Override
            public void delivered(String townCode, List<Entry> entries) {
                throw new IllegalStateException("killed");
            }
        };
        Responses responses = Responses.load(Path.of("intents/responses.yml"), new Random(1));
        try (OutboxRelay dying = new OutboxRelay(
                List.of(new OutboxRelay.Source(diesBeforeForgetting, () -> List.of("QY"))),
                store,
                new NoticeRenderer(responses, sessions, clock)::render,
                new RedisOutboundQueue(redis.client(), mapper, Duration.ofDays(8)),
                published::add,
                NO_MEETINGS,
                Thread.ofPlatform().daemon().factory())) {
            assertThatThrownBy(dying::drainAll).hasMessage("killed");
        }
        assertThat(sent()).hasSize(3);

        try (OutboxRelay next = nextProcessRelay(store, sessions)) {
            next.drainAll();
        }

        assertThat(sent()).hasSize(3);
        assertThat(sent().get(2).text()).contains("满意").contains("下周换灯");
        assertThat(sessions.load("wecom", "zhang").pending()).isEqualTo(new Pending.AskRating(no));
        assertThat(store.pending("QY", 10)).isEmpty();
    }
}
