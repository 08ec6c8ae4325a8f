package cn.shangliang.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shangliang.app.AppConfig;
import cn.shangliang.app.Application;
import cn.shangliang.channel.Inbound;
import cn.shangliang.channel.Inbox;
import cn.shangliang.consultation.Consultation;
import cn.shangliang.consultation.IssueDetail;
import cn.shangliang.consultation.Place;
import cn.shangliang.consultation.Reporter;
import cn.shangliang.testing.TestConfig;
import cn.shangliang.testing.TestDesks;
import cn.shangliang.testing.TestRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chat and API are two doors onto one core: the same staff action on issues in the same state gives the same state
 * and the same notices, whichever door it came through.
 */
class DoorParityIT {

    private static final String TOKEN = "qy-staff-token";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private TestRedis redis;
    private Application app;
    private Consultation desk;
    private String base;

    @BeforeEach
    void start() {
        redis = TestRedis.start();
        String yaml = TestConfig.serverYaml(redis.url(), dir.resolve("data")) + """
                people:
                  - {id: qy-staff, role: staff, scope: 青阳镇, accounts: ["webchat:staff-qy"], token_env: QY_TOKEN}
                commands:
                  accept: [受理]
                  move_up: [上移]
                  move_down: [下移]
                  schedule: [排会]
                  record_outcome: [协商结果]
                  report: [上报]
                  close: [办结]
                  reject: [驳回]
                  merge_into: [并案]
                """;
        AppConfig config = TestConfig.load(dir, yaml, Map.of("QY_TOKEN", TOKEN));
        app = Application.server(config).startPipeline().startHttp();
        base = "http://127.0.0.1:" + app.httpPort();
        desk = TestDesks.quiet(redis, config);
    }

    @AfterEach
    void stop() {
        app.close();
        redis.close();
    }

    /** One step: the chat command (before and after the tracking number) and the API body. */
    private record Step(String verb, String args, String body) {}

    private static final List<Step> LIFE = List.of(
            new Step("受理", "", "{\"action\":\"accept\"}"),
            new Step("上移", "涉及全镇照明改造", "{\"action\":\"move_up\",\"reason\":\"涉及全镇照明改造\"}"),
            new Step("下移", "村里可以自己解决", "{\"action\":\"move_down\",\"reason\":\"村里可以自己解决\"}"),
            new Step("排会", "12月7日 10:00 里庄村议事室", "{\"action\":\"schedule\",\"note\":\"12月7日 10:00 里庄村议事室\"}"),
            new Step("协商结果", "同意增设两盏路灯", "{\"action\":\"record_outcome\",\"outcome\":\"同意增设两盏路灯\"}"),
            new Step("上报", "", "{\"action\":\"report\"}"),
            new Step("办结", "", "{\"action\":\"close\"}"));

    @Test
    void wholeLifeCycle_byChatAndByApi_givesEqualStateAndEqualNotices() throws Exception {
        String byChat = file("r-chat", "s-chat", "村口路灯坏了");
        String byApi = file("r-api", "s-api", "村口路灯坏了");

        for (Step step : LIFE) {
            String reply = say("staff-qy", (step.verb() + " " + byChat + " " + step.args()).strip());
            assertThat(reply).contains("已办理");
            assertThat(post(byApi, step.body()).statusCode()).isEqualTo(200);
        }

        assertSameState(byChat, byApi);
        assertSameNotices("r-chat", byChat, "r-api", byApi, LIFE.size());
        assertSameNotices("s-chat", byChat, "s-api", byApi, LIFE.size());
    }

    @Test
    void rejectAndMerge_byChatAndByApi_giveEqualStateAndEqualNotices() throws Exception {
        String chatRejected = file("r-chat-1", "s-chat-1", "楼道灯不亮");
        String apiRejected = file("r-api-1", "s-api-1", "楼道灯不亮");
        String chatSurvivor = file("r-chat-2", "s-chat-2", "路灯坏了");
        String apiSurvivor = file("r-api-2", "s-api-2", "路灯坏了");
        String chatMerged = file("r-chat-3", "s-chat-3", "东头路灯也坏了");
        String apiMerged = file("r-api-3", "s-api-3", "东头路灯也坏了");

        say("staff-qy", "驳回 " + chatRejected + " 归供电所管，已转12345");
        post(apiRejected, "{\"action\":\"reject\",\"reason\":\"归供电所管，已转12345\"}");
        say("staff-qy", "并案 " + chatMerged + " " + chatSurvivor);
        post(apiMerged, "{\"action\":\"merge_into\",\"target\":\"" + apiSurvivor + "\"}");

        assertSameState(chatRejected, apiRejected);
        assertSameState(chatMerged, apiMerged, chatSurvivor, apiSurvivor);
        assertThat(desk.detail(chatMerged).orElseThrow().mergedInto()).isEqualTo(chatSurvivor);
        assertThat(desk.detail(chatSurvivor).orElseThrow().supporters())
                .isEqualTo(desk.detail(apiSurvivor).orElseThrow().supporters())
                .isEqualTo(3);
        assertSameNotices("r-chat-1", chatRejected, "r-api-1", apiRejected, 1);
        assertThat(notices("s-chat-3", 1).stream()
                        .map(t -> t.replace(chatMerged, "#").replace(chatSurvivor, "@"))
                        .toList())
                .isEqualTo(notices("s-api-3", 1).stream()
                        .map(t -> t.replace(apiMerged, "#").replace(apiSurvivor, "@"))
                        .toList());
        assertThat(notices("r-chat-1", 1).get(0)).contains("12345");
        assertThat(notices("s-chat-3", 1).get(0)).contains(chatSurvivor).contains("路灯坏了");
    }

    private String file(String reporter, String supporter, String text) {
        String no = desk.file(reporter + ":1", new Reporter("webchat", reporter), new Place("青阳镇", "里庄村"), text)
                .trackingNo();
        desk.support(supporter + ":1", new Reporter("webchat", supporter), no);
        return no;
    }

    private void assertSameState(String a, String b) {
        assertSameState(a, b, a, b);
    }

    /** {@code a} and {@code b} are in the same state, their notes equal but for their own or their target's number. */
    private void assertSameState(String a, String b, String targetA, String targetB) {
        IssueDetail x = desk.detail(a).orElseThrow();
        IssueDetail y = desk.detail(b).orElseThrow();
        assertThat(List.<Object>of(x.status(), x.level(), x.outcome(), x.supporters()))
                .isEqualTo(List.<Object>of(y.status(), y.level(), y.outcome(), y.supporters()));
        assertThat(x.history())
                .extracting(h -> List.of(
                        h.actor(),
                        h.action(),
                        h.from(),
                        h.to(),
                        h.note().replace(a, "#").replace(targetA, "@")))
                .isEqualTo(y.history().stream()
                        .map(h -> List.of(
                                h.actor(),
                                h.action(),
                                h.from(),
                                h.to(),
                                h.note().replace(b, "#").replace(targetB, "@")))
                        .toList());
    }

    private void assertSameNotices(String userA, String a, String userB, String b, int count) {
        List<String> x =
                notices(userA, count).stream().map(t -> t.replace(a, "#")).toList();
        List<String> y =
                notices(userB, count).stream().map(t -> t.replace(b, "#")).toList();
        assertThat(x).isEqualTo(y);
    }

    private List<String> notices(String user, int count) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> app.inbox().after("webchat", user, "0", 100).stream()
                                .map(e -> e.message().text())
                                .toList(),
                        l -> l.size() >= count);
    }

    private HttpResponse<String> post(String number, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/issues/" + number + "/transitions"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

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
                        Optional::isPresent)
                .orElseThrow();
    }
}
