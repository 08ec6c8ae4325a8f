package cn.shangliang.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shangliang.app.AppConfig;
import cn.shangliang.app.Application;
import cn.shangliang.consultation.Consultation;
import cn.shangliang.consultation.Place;
import cn.shangliang.consultation.Reporter;
import cn.shangliang.store.RedisInbox;
import cn.shangliang.testing.TestConfig;
import cn.shangliang.testing.TestDesks;
import cn.shangliang.testing.TestRedis;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staff REST API end to end: tokens, scope, the life cycle, notifications to reporter and supporters. */
class IssueApiIT {

    private static final String ADMIN = "admin-token-for-tests";
    private static final String VILLAGE_STAFF = "village-staff-token";
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    private TestRedis redis;
    private Application app;
    private Consultation desk;
    private RedisInbox inbox;
    private String base;

    @BeforeEach
    void start() {
        redis = TestRedis.start();
        String yaml = TestConfig.serverYaml(redis.url(), dir.resolve("data")) + """
                people:
                  - {id: lz-staff, role: staff, scope: 青阳镇/里庄村, token_env: LZ_TOKEN}
                  - {id: sq-staff, role: staff, scope: 青阳镇/青阳社区, token_env: SQ_TOKEN}
                """;
        AppConfig config = TestConfig.load(
                dir,
                yaml,
                Map.of("SHANGLIANG_ADMIN_TOKEN", ADMIN, "LZ_TOKEN", VILLAGE_STAFF, "SQ_TOKEN", "other-village"));
        app = Application.server(config).startPipeline().startHttp();
        base = "http://127.0.0.1:" + app.httpPort();
        desk = TestDesks.quiet(redis, config);
        inbox = new RedisInbox(redis.client(), Application.objectMapper());
    }

    @AfterEach
    void stop() {
        app.close();
        redis.close();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> act(String number, String token, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/issues/" + number + "/transitions"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String file(String user, String text) {
        return desk.file("webchat:" + user + "-1", new Reporter("webchat", user), new Place("青阳镇", "里庄村"), text)
                .trackingNo();
    }

    @Test
    void issue_needsAValidToken_andHidesTheReporter() throws Exception {
        String number = file("reporter-0001", "路灯坏了，我电话13812345678");

        assertThat(get("/api/issues/" + number, null).statusCode()).isEqualTo(401);
        assertThat(get("/api/issues/" + number, "wrong").statusCode()).isEqualTo(401);
        HttpResponse<String> ok = get("/api/issues/" + number, ADMIN);
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode issue = json.readTree(ok.body());
        assertThat(issue.get("id").asText()).isEqualTo(number);
        assertThat(issue.get("status").asText()).isEqualTo("received");
        assertThat(issue.get("level").asText()).isEqualTo("village");
        assertThat(ok.body()).doesNotContain("reporter-0001").doesNotContain("13812345678");
        assertThat(get("/api/issues/QY-20990101-0001", ADMIN).statusCode()).isEqualTo(404);
    }

    @Test
    void staffOutsideTheirScope_areRefused_andNothingChanges() throws Exception {
        String number = file("reporter-0002", "路灯坏了");

        assertThat(get("/api/issues/" + number, "other-village").statusCode()).isEqualTo(403);
        assertThat(act(number, "other-village", "{\"action\":\"accept\"}").statusCode())
                .isEqualTo(403);
        assertThat(get("/api/queues?place=" + URLEncoder.encode("青阳镇/里庄村", StandardCharsets.UTF_8), "other-village")
                        .statusCode())
                .isEqualTo(403);
        assertThat(json.readTree(get("/api/issues/" + number, ADMIN).body())
                        .get("status")
                        .asText())
                .isEqualTo("received");
    }

    @Test
    void lifeCycle_throughTheApi_recordsHistory_andNotifiesReporterAndSupporters() throws Exception {
        String number = file("reporter-0003", "路灯坏了");
        desk.support("webchat:s-1", new Reporter("webchat", "supporter-01"), number);

        assertThat(act(number, VILLAGE_STAFF, "{\"action\":\"reject\"}").statusCode())
                .isEqualTo(409); // no reason
        assertThat(act(number, VILLAGE_STAFF, "{\"action\":\"report\"}").statusCode())
                .isEqualTo(409);
        assertThat(act(number, VILLAGE_STAFF, "{\"action\":\"fly\"}").statusCode())
                .isEqualTo(400);
        assertThat(act(number, VILLAGE_STAFF, "{\"action\":\"accept\"}").statusCode())
                .isEqualTo(200);
        assertThat(act(number, VILLAGE_STAFF, "{\"action\":\"schedule\",\"note\":\"12月2日协商会\"}")
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> outcome =
                act(number, VILLAGE_STAFF, "{\"action\":\"record_outcome\",\"outcome\":\"村里本周内更换灯泡\"}");
        assertThat(outcome.statusCode()).isEqualTo(200);
        assertThat(act(number, ADMIN, "{\"action\":\"report\"}").statusCode()).isEqualTo(200);
        JsonNode closed =
                json.readTree(act(number, ADMIN, "{\"action\":\"close\"}").body());

        assertThat(closed.get("status").asText()).isEqualTo("closed");
        assertThat(closed.get("outcome").asText()).isEqualTo("村里本周内更换灯泡");
        assertThat(closed.get("history")).hasSize(5);
        assertThat(closed.get("history").get(0).get("by").asText()).isEqualTo("lz-staff");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(inbox.after("webchat", "reporter-0003", "0", 100)).hasSize(5);
            assertThat(inbox.after("webchat", "supporter-01", "0", 100)).hasSize(5);
        });
        assertThat(inbox.after("webchat", "reporter-0003", "0", 100)
                        .get(2)
                        .message()
                        .text())
                .contains("村里本周内更换灯泡");
    }

    @Test
    void sameIdempotencyKeyTwice_changesAndNotifiesOnce() throws Exception {
        String number = file("reporter-0004", "路灯坏了");
        var request = HttpRequest.newBuilder(URI.create(base + "/api/issues/" + number + "/transitions"))
                .header("Authorization", "Bearer " + ADMIN)
                .header("Idempotency-Key", "k-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"accept\"}"))
                .build();

        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);

        JsonNode issue = json.readTree(get("/api/issues/" + number, ADMIN).body());
        assertThat(issue.get("history")).hasSize(1);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(inbox.after("webchat", "reporter-0004", "0", 100))
                        .hasSize(1));
    }

    @Test
    void merge_movesReporterAndSupportersToTheSurvivor_andTellsThem() throws Exception {
        String survivor = file("reporter-0005", "村东头路灯坏了");
        String merged = file("reporter-0006", "东头的灯不亮");
        desk.support("webchat:s-2", new Reporter("webchat", "supporter-02"), merged);

        HttpResponse<String> response =
                act(merged, ADMIN, "{\"action\":\"merge_into\",\"target\":\"" + survivor + "\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("status").asText()).isEqualTo("merged");
        JsonNode target = json.readTree(get("/api/issues/" + survivor, ADMIN).body());
        assertThat(target.get("supporters").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(inbox.after("webchat", "supporter-02", "0", 100))
                        .singleElement()
                        .satisfies(e -> assertThat(e.message().text()).contains(survivor)));
        assertThat(act(merged, ADMIN, "{\"action\":\"accept\"}").statusCode()).isEqualTo(409);
    }

    @Test
    void queue_listsOpenIssuesOfThatPlace() throws Exception {
        String first = file("reporter-0007", "路灯坏了");
        String second = file("reporter-0008", "垃圾没人清");
        desk.support("webchat:s-3", new Reporter("webchat", "supporter-03"), second);

        HttpResponse<String> response =
                get("/api/queues?place=" + URLEncoder.encode("青阳镇/里庄村", StandardCharsets.UTF_8), VILLAGE_STAFF);

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> ids = json.readTree(response.body()).get("issues").findValuesAsText("id");
        assertThat(ids).containsExactly(second, first); // more supporters first
        assertThat(get("/api/queues", VILLAGE_STAFF).statusCode()).isEqualTo(400);
    }

    @Test
    void audit_recordsAnApiReadAndAChange_readableByTheAdminOnly() throws Exception {
        String number = file("reporter-0009", "路灯坏了");

        assertThat(get("/api/issues/" + number, VILLAGE_STAFF).statusCode()).isEqualTo(200);
        assertThat(act(number, VILLAGE_STAFF, "{\"action\":\"accept\"}").statusCode())
                .isEqualTo(200);

        assertThat(get("/api/audit", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/audit", VILLAGE_STAFF).statusCode()).isEqualTo(403);
        assertThat(get("/api/audit?limit=0", ADMIN).statusCode()).isEqualTo(400);
        assertThat(get("/api/audit?before=x", ADMIN).statusCode()).isEqualTo(400);
        HttpResponse<String> audit = get("/api/audit?limit=50", ADMIN);
        assertThat(audit.statusCode()).isEqualTo(200);
        JsonNode entries = json.readTree(audit.body()).get("entries");
        List<JsonNode> mine = new java.util.ArrayList<>();
        entries.forEach(e -> {
            if (e.get("who").asText().equals("lz-staff")) {
                mine.add(e);
            }
        });
        assertThat(mine).hasSizeGreaterThanOrEqualTo(3); // newest first: the refused audit read, the change, the read
        JsonNode change = mine.stream()
                .filter(e -> e.get("action").asText().equals("change"))
                .findFirst()
                .orElseThrow();
        assertThat(change.get("what").asText()).isEqualTo("/api/issues/" + number + "/transitions");
        assertThat(change.get("detail").asText()).isEqualTo("POST 200");
        assertThat(change.get("at").asText()).isNotBlank();
        JsonNode read = mine.stream()
                .filter(e -> e.get("what").asText().equals("/api/issues/" + number))
                .findFirst()
                .orElseThrow();
        assertThat(read.get("action").asText()).isEqualTo("read");
        assertThat(read.get("detail").asText()).isEqualTo("GET 200");
        assertThat(mine.indexOf(change)).isLessThan(mine.indexOf(read));
    }
}
