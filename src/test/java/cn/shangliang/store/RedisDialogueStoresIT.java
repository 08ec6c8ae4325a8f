package cn.shangliang.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.app.Application;
import cn.shangliang.consultation.Category;
import cn.shangliang.consultation.Consultation;
import cn.shangliang.consultation.Place;
import cn.shangliang.consultation.Regions;
import cn.shangliang.consultation.Reporter;
import cn.shangliang.consultation.Router;
import cn.shangliang.consultation.Topic;
import cn.shangliang.consultation.Town;
import cn.shangliang.dialogue.Pending;
import cn.shangliang.dialogue.Session;
import cn.shangliang.testing.RedisPerClass;
import cn.shangliang.testing.TestDesks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisDialogueStoresIT {

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private final Regions regions = new Regions(List.of(new Town("青阳镇", "QY", List.of("里庄村"))));
    private final List<Topic> published = new ArrayList<>();
    private Consultation desk;

    @BeforeEach
    void setUp() {
        Router router = new Router(
                List.of(
                        new Category("交通", Topic.Level.TOWN, List.of("公交")),
                        new Category("照明", Topic.Level.VILLAGE, List.of("路灯"))),
                text -> text);
        desk = TestDesks.delivering(
                new RedisIssueStore(redis.client(), Application.objectMapper()),
                regions,
                router,
                clock,
                published::add);
    }

    @Test
    void session_profileIsKept_pendingQuestionExpires() {
        RedisSessionStore store =
                new RedisSessionStore(redis.client(), Application.objectMapper(), Duration.ofMinutes(30));
        Session session = new Session(
                "青阳镇/里庄村",
                "en",
                false,
                new Pending.AskChoice("路灯坏了", "青阳镇/里庄村", List.of("QY-20261126-0001")),
                "test:m1",
                List.of("reply"));

        store.save("test", "u1", session);

        assertThat(store.load("test", "u1")).isEqualTo(session);
        assertThat(redis.client().ttl(cn.shangliang.testing.Pipes.sessionPending("test", "u1")))
                .isBetween(1L, 1800L);
        assertThat(redis.client().ttl(cn.shangliang.testing.Pipes.sessionProfile("test", "u1")))
                .as("a visitor who raised nothing: the profile expires")
                .isBetween(
                        Duration.ofDays(179).toSeconds(), Duration.ofDays(180).toSeconds());
        redis.client().del(cn.shangliang.testing.Pipes.sessionPending("test", "u1")); // as if the TTL ran out
        Session later = store.load("test", "u1");
        assertThat(later.place()).isEqualTo("青阳镇/里庄村");
        assertThat(later.pending()).isEqualTo(new Pending.None());
        assertThat(store.load("test", "nobody")).isEqualTo(Session.fresh());
    }

    @Test
    void issueRemembered_forAVisitor_keepsTheirProfileAtOnce() {
        RedisSessionStore store =
                new RedisSessionStore(redis.client(), Application.objectMapper(), Duration.ofMinutes(30));
        store.save("test", "u3", new Session("青阳镇/里庄村", "en", false, new Pending.None(), "", List.of()));
        assertThat(redis.client().ttl(cn.shangliang.testing.Pipes.sessionProfile("test", "u3")))
                .isPositive();

        new RedisIssueStore(redis.client(), Application.objectMapper())
                .remember(new Reporter("test", "u3"), "QY-20261206-0001", java.time.Instant.EPOCH);

        assertThat(redis.client().ttl(cn.shangliang.testing.Pipes.sessionProfile("test", "u3")))
                .as("named on an issue without writing again: the profile no longer expires")
                .isEqualTo(-1L);
    }

    @Test
    void session_ofSomeoneWhoRaisedAnIssue_keepsTheProfile() {
        RedisSessionStore store =
                new RedisSessionStore(redis.client(), Application.objectMapper(), Duration.ofMinutes(30));
        store.save("test", "u2", new Session("青阳镇/里庄村", "", false, new Pending.None(), "", List.of()));
        assertThat(redis.client().ttl(cn.shangliang.testing.Pipes.sessionProfile("test", "u2")))
                .isPositive();

        desk.file("test:m9", new Reporter("test", "u2"), new Place("青阳镇", "里庄村"), "路灯坏了");
        store.save("test", "u2", store.load("test", "u2"));

        assertThat(redis.client().ttl(cn.shangliang.testing.Pipes.sessionProfile("test", "u2")))
                .isEqualTo(-1L);
    }

    @Test
    void file_numbersPerTownAndDay_masksNumbers_andIsIdempotentPerRequest() {
        Reporter reporter = new Reporter("wecom", "zhang");
        var first = desk.file("wecom:m1", reporter, new Place("青阳镇", "里庄村"), "路灯坏了，电话13812345678");
        var again = desk.file("wecom:m1", reporter, new Place("青阳镇", "里庄村"), "路灯坏了，电话13812345678");
        var second = desk.file("wecom:m2", reporter, new Place("青阳镇", "里庄村"), "到城里的公交太少");

        assertThat(first.trackingNo()).isEqualTo("QY-20261126-0001");
        assertThat(again.trackingNo()).isEqualTo("QY-20261126-0001");
        assertThat(second.trackingNo()).isEqualTo("QY-20261126-0002");
        assertThat(first.level()).isEqualTo(Topic.Level.VILLAGE);
        assertThat(second.level()).isEqualTo(Topic.Level.TOWN); // routed up by its category
        assertThat(redis.client().hget(RedisKeys.issue("QY", first.trackingNo()), "category"))
                .isEqualTo("照明");
        assertThat(first.title()).doesNotContain("13812345678");
        assertThat(redis.client().hget(RedisKeys.issue("QY", first.trackingNo()), "text"))
                .contains("138****5678");
        assertThat(desk.of(reporter, 10))
                .extracting(i -> i.trackingNo())
                .containsExactly("QY-20261126-0002", "QY-20261126-0001");
        assertThat(desk.openTopics()).hasSize(2);
        assertThat(published).extracting(Topic::id).contains("QY-20261126-0001", "QY-20261126-0002");
        assertThat(desk.openTopics())
                .filteredOn(t -> t.id().equals("QY-20261126-0002"))
                .singleElement()
                .satisfies(t -> assertThat(t.village()).isEmpty());
    }

    @Test
    void support_countsOthersOnce_notTheReporter_andRefusesUnknownIssues() {
        Reporter reporter = new Reporter("wecom", "zhang");
        var issue = desk.file("wecom:m1", reporter, new Place("青阳镇", "里庄村"), "路灯坏了");

        desk.support("wecom:m2", reporter, issue.trackingNo());
        desk.support("webchat:m3", new Reporter("webchat", "li"), issue.trackingNo());
        var twice = desk.support("webchat:m4", new Reporter("webchat", "li"), issue.trackingNo());

        assertThat(twice).get().extracting(i -> i.supporters()).isEqualTo(1);
        assertThat(desk.support("x:1", reporter, "QY-20261126-0999")).isEmpty();
        assertThat(desk.support("x:2", reporter, "ZZ-20261126-0001")).isEmpty();
        assertThat(desk.find("garbage")).isEmpty();
        assertThat(desk.of(new Reporter("webchat", "li"), 10)).hasSize(1);
    }

    @Test
    void importTopic_twice_keepsOneIssue_andClosedTopicsStayOutOfTheOpenSet() {
        Topic open = new Topic("T-1", "青阳镇", "里庄村", Topic.Level.VILLAGE, "路灯", "里庄村路灯坏了", Topic.Status.ACCEPTED);
        Topic closed = new Topic("T-2", "青阳镇", "", Topic.Level.TOWN, "公交", "公交太少", Topic.Status.CLOSED);

        var first = desk.importTopic(open, 3);
        var again = desk.importTopic(open, 3);
        desk.importTopic(closed, 0);

        assertThat(again.trackingNo()).isEqualTo(first.trackingNo());
        assertThat(first.supporters()).isEqualTo(3);
        assertThat(desk.openTopics()).extracting(Topic::title).containsExactly("路灯");
    }

    @Test
    void queue_overdueIssuesComeFirst_withAFixedClock() {
        Reporter reporter = new Reporter("wecom", "zhang");
        var old = desk.file("wecom:o1", reporter, new Place("青阳镇", "里庄村"), "路灯坏了");
        Consultation later = TestDesks.delivering(
                new RedisIssueStore(redis.client(), Application.objectMapper()),
                regions,
                new Router(List.of(), text -> text),
                Clock.offset(clock, Duration.ofDays(20)),
                published::add);
        var fresh = later.file("wecom:o2", reporter, new Place("青阳镇", "里庄村"), "垃圾没人清");
        later.support("x:1", new Reporter("wecom", "li"), fresh.trackingNo());

        var queue = later.queue(new Place("青阳镇", "里庄村"));

        assertThat(queue).extracting(e -> e.issue().trackingNo()).containsExactly(old.trackingNo(), fresh.trackingNo());
        assertThat(queue.get(0).overdue()).isTrue();
        assertThat(queue.get(1).overdue()).isFalse();
        assertThat(later.queue(Place.town("青阳镇"))).isEmpty();
    }

    @Test
    void overdueDigest_goesToTheQueuesStaffOncePerDay_evenWithTwoProcesses() throws Exception {
        var issue = desk.file("wecom:d1", new Reporter("wecom", "zhang"), new Place("青阳镇", "里庄村"), "路灯坏了");
        Clock later = Clock.offset(clock, Duration.ofDays(20));
        Consultation laterDesk = TestDesks.delivering(
                new RedisIssueStore(redis.client(), Application.objectMapper()),
                regions,
                new Router(List.of(), text -> text),
                later,
                t -> {});
        var people = new cn.shangliang.consultation.People(
                List.of(new cn.shangliang.consultation.Person(
                        "lz",
                        "村委",
                        cn.shangliang.consultation.Person.Kind.STAFF,
                        new Place("青阳镇", "里庄村"),
                        List.of("wecom:lz-office"))),
                regions);
        var responses = cn.shangliang.dialogue.Responses.load(
                java.nio.file.Path.of("intents/responses.yml"), new java.util.Random(1));
        var outbound = new RedisOutboundQueue(redis.client(), Application.objectMapper(), Duration.ofDays(7));
        var first = new cn.shangliang.jobs.OverdueDigest(
                laterDesk, people, new RedisJobClaims(redis.client(), later), responses::render, outbound, later, 0);
        var second = new cn.shangliang.jobs.OverdueDigest(
                laterDesk, people, new RedisJobClaims(redis.client(), later), responses::render, outbound, later, 0);

        assertThat(first.runOnce().messages()).isEqualTo(1);
        assertThat(second.runNow()).isInstanceOf(cn.shangliang.jobs.JobRun.AlreadyClaimed.class);
        var entries = cn.shangliang.testing.Pipes.outboundEntries(redis.client());
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).getFields().get("m"))
                .contains(issue.trackingNo())
                .contains("lz-office");
    }
}
