package cn.shangliang.dialogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shangliang.app.AppConfig;
import cn.shangliang.app.Application;
import cn.shangliang.channel.Inbound;
import cn.shangliang.channel.Inbox;
import cn.shangliang.consultation.Consultation;
import cn.shangliang.consultation.Place;
import cn.shangliang.consultation.Reporter;
import cn.shangliang.store.RedisKeys;
import cn.shangliang.testing.TestConfig;
import cn.shangliang.testing.TestDesks;
import cn.shangliang.testing.TestRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staff work their queue by chat through the real pipeline; residents cannot. */
class StaffChatIT {

    @TempDir
    Path dir;

    private TestRedis redis;
    private Application app;
    private Consultation desk;

    @BeforeEach
    void start() {
        redis = TestRedis.start();
        String yaml = TestConfig.serverYaml(redis.url(), dir.resolve("data")) + """
                people:
                  - {id: lz-staff, role: staff, scope: 青阳镇/里庄村, accounts: ["webchat:staff-lz-0001"]}
                  - {id: ht-staff, role: staff, scope: 璜土镇, accounts: ["webchat:staff-ht-0001"]}
                  - {id: member-lz, role: member, scope: 青阳镇/里庄村, accounts: []}
                commands:
                  binding_code: [发绑定码]
                  merge_into: [并案]
                  queue: [队列]
                  view: [查看]
                  follow: [关注]
                  accept: [受理]
                  reject: [驳回]
                """;
        AppConfig config = TestConfig.load(dir, yaml, Map.of());
        app = Application.server(config).startPipeline();
        desk = TestDesks.quiet(redis, config);
    }

    @AfterEach
    void stop() {
        app.close();
        redis.close();
    }

    /** Sends one web chat message and returns the reply to it. */
    private String say(String user, String text) {
        String id = UUID.randomUUID().toString();
        app.inboundQueue().enqueue(new Inbound("webchat", id, user, "", text, Instant.now(), Map.of()));
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> app.inbox().after("webchat", user, "0", 200).stream()
                                .map(Inbox.Entry::message)
                                .filter(m -> m.inReplyTo().equals(id))
                                .map(m -> m.text())
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    private String status(String number) {
        return redis.client().hget(RedisKeys.issue("QY", number), "status");
    }

    @Test
    void residentTryingAStaffCommand_isRefusedPolitely_andNothingChanges() {
        String number = desk.file("x:1", new Reporter("webchat", "resident-0001"), new Place("青阳镇", "里庄村"), "路灯坏了")
                .trackingNo();

        assertThat(say("resident-0002", "受理 " + number)).contains("只有工作人员");
        assertThat(status(number)).isEqualTo("RECEIVED");
    }

    @Test
    void staff_acceptAndRejectByChat_withinTheirScopeOnly() {
        String number = desk.file("x:2", new Reporter("webchat", "resident-0003"), new Place("青阳镇", "里庄村"), "路灯坏了")
                .trackingNo();

        assertThat(say("staff-ht-0001", "受理 " + number)).contains("不在您负责的范围内");
        assertThat(status(number)).isEqualTo("RECEIVED");

        assertThat(say("staff-lz-0001", "受理 " + number)).contains("已办理").contains("已受理");
        assertThat(status(number)).isEqualTo("ACCEPTED");
        assertThat(say("staff-lz-0001", "驳回 " + number)).contains("没有办理"); // no reason given
        // no routing: section in this configuration, so every issue is flagged for a review of its level (❓)
        assertThat(say("staff-lz-0001", "队列")).contains("❓ " + number).contains("青阳镇/里庄村");
        assertThat(say("staff-lz-0001", "查看 " + number)).contains("路灯坏了");
        // the reporter heard about the acceptance
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(app.inbox().after("webchat", "resident-0003", "0", 10))
                        .extracting(e -> e.message().text())
                        .anySatisfy(t -> assertThat(t).contains(number).contains("已受理")));
    }

    @Test
    void resident_followsAnIssueByNumber() {
        String number = desk.file("x:3", new Reporter("webchat", "resident-0004"), new Place("青阳镇", "里庄村"), "路灯坏了")
                .trackingNo();

        assertThat(say("resident-0005", "关注 " + number)).contains(number).contains("附议 1 人");
        assertThat(say("resident-0005", "关注 QY-20990101-0001")).contains("没能关注");
        assertThat(List.of(redis.client().scard(RedisKeys.issueSupporters("QY", number))))
                .containsExactly(1L);
    }

    @Test
    void staffOutsideTheirScope_readsAndWritesByChat_areRefused_andNothingChanges() {
        String number = desk.file("x:4", new Reporter("webchat", "resident-0006"), new Place("青阳镇", "里庄村"), "路灯坏了")
                .trackingNo();
        String other = desk.file("x:5", new Reporter("webchat", "resident-0007"), new Place("青阳镇", "里庄村"), "路灯不亮")
                .trackingNo();

        assertThat(say("staff-ht-0001", "查看 " + number)).contains("不在您负责的范围内").doesNotContain("路灯坏了");
        assertThat(say("staff-ht-0001", "队列 青阳镇/里庄村")).contains("不在您负责的范围内").doesNotContain(number);
        assertThat(say("staff-ht-0001", "驳回 " + number + " 不归我们管")).contains("不在您负责的范围内");
        assertThat(say("staff-ht-0001", "并案 " + other + " " + number)).contains("不在您负责的范围内");
        assertThat(say("staff-ht-0001", "发绑定码 member-lz")).contains("不在您负责的范围内");

        assertThat(status(number)).isEqualTo("RECEIVED");
        assertThat(status(other)).isEqualTo("RECEIVED");
        assertThat(redis.client().keys("{bind}:code:*")).isEmpty();
    }
}
