package cn.shangliang.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shangliang.app.AppConfig;
import cn.shangliang.app.Application;
import cn.shangliang.consultation.Consultation;
import cn.shangliang.consultation.Place;
import cn.shangliang.consultation.Reporter;
import cn.shangliang.testing.TestConfig;
import cn.shangliang.testing.TestRedis;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The routes the staff console adds: the caller's places, possible duplicates, members, the weekly series. */
class ConsoleApiIT {

    private static final String ADMIN = "admin-token-for-tests";
    private static final String VILLAGE_STAFF = "village-staff-token";
    private static final String OTHER_VILLAGE = "other-village-token";
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    private TestRedis redis;
    private Application app;
    private Consultation desk;
    private String base;

    @BeforeEach
    void start() {
        redis = TestRedis.start();
        String yaml = TestConfig.serverYaml(redis.url(), dir.resolve("data")) + """
                people:
                  - {id: lz-staff, role: staff, scope: 青阳镇/里庄村, token_env: LZ_TOKEN}
                  - {id: sq-staff, role: staff, scope: 青阳镇/青阳社区, token_env: SQ_TOKEN}
                  - {id: member-lz, name: 里庄成员, role: member, scope: 青阳镇/里庄村}
                  - {id: member-ht, name: 璜土成员, role: member, scope: 璜土镇}
                """;
        AppConfig config = TestConfig.load(
                dir,
                yaml,
                Map.of("SHANGLIANG_ADMIN_TOKEN", ADMIN, "LZ_TOKEN", VILLAGE_STAFF, "SQ_TOKEN", OTHER_VILLAGE));
        app = Application.server(config).startPipeline().startHttp();
        base = "http://127.0.0.1:" + app.httpPort();
        desk = app.issues(); // the application's own core: its outbox relay publishes topics to the matcher
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

    private JsonNode getJson(String path, String token) throws Exception {
        HttpResponse<String> response = get(path, token);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return json.readTree(response.body());
    }

    private String file(String user, String text) {
        return desk.file("webchat:" + user + "-1", new Reporter("webchat", user), new Place("青阳镇", "里庄村"), text)
                .trackingNo();
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    @Test
    void me_listsThePlacesOfTheTokensScope() throws Exception {
        assertThat(get("/api/me", null).statusCode()).isEqualTo(401);

        JsonNode village = getJson("/api/me", VILLAGE_STAFF);
        assertThat(village.get("id").asText()).isEqualTo("lz-staff");
        assertThat(village.get("city_wide").asBoolean()).isFalse();
        assertThat(texts(village.get("places"), "place")).containsExactly("青阳镇/里庄村");

        JsonNode admin = getJson("/api/me", ADMIN);
        assertThat(admin.get("city_wide").asBoolean()).isTrue();
        assertThat(texts(admin.get("places"), "place")).contains("青阳镇", "青阳镇/里庄村", "璜土镇");
    }

    @Test
    void duplicates_listSimilarOpenIssuesOfThePlace_notOthers_andOnlyInScope() throws Exception {
        String first = file("reporter-0001", "村口的路灯坏了，晚上走路看不见");
        String unrelated = file("reporter-0002", "村里的垃圾桶满了好几天没人收");
        String second = file("reporter-0003", "村口路灯不亮了，晚上走路太黑看不见");

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(texts(
                                getJson("/api/issues/" + second + "/duplicates", VILLAGE_STAFF)
                                        .get("candidates"),
                                "id"))
                        .contains(first)
                        .doesNotContain(second, unrelated));
        assertThat(get("/api/issues/" + second + "/duplicates", OTHER_VILLAGE).statusCode())
                .isEqualTo(403);
        assertThat(get("/api/issues/QY-20990101-0001/duplicates", ADMIN).statusCode())
                .isEqualTo(404);
        assertThat(get("/api/issues/" + second + "/duplicates", null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void members_areThoseInTheCallersScope() throws Exception {
        assertThat(texts(getJson("/api/members", VILLAGE_STAFF), "id")).containsExactly("member-lz");
        assertThat(texts(getJson("/api/members", ADMIN), "id")).containsExactlyInAnyOrder("member-lz", "member-ht");
    }

    @Test
    void weeklySeries_givesTheLastWeeksOldestFirst_andRefusesBadInput() throws Exception {
        file("reporter-0004", "村口的桥栏杆松了");

        JsonNode series = getJson("/api/reports/weekly/series?to=2026-W02&weeks=3", ADMIN);
        assertThat(texts(series.get("weeks"), "week")).containsExactly("2025-W52", "2026-W01", "2026-W02");
        assertThat(series.get("weeks").get(0).get("total").has("received")).isTrue();

        JsonNode twelve = getJson("/api/reports/weekly/series", VILLAGE_STAFF);
        assertThat(twelve.get("weeks")).hasSize(12);
        int received = twelve.get("weeks").get(11).get("total").get("received").asInt();
        assertThat(received).isEqualTo(1);

        assertThat(get("/api/reports/weekly/series?weeks=40", ADMIN).statusCode())
                .isEqualTo(400);
        assertThat(get("/api/reports/weekly/series?to=2026-W60", ADMIN).statusCode())
                .isEqualTo(400);
        assertThat(get("/api/reports/weekly/series", null).statusCode()).isEqualTo(401);
    }
}
