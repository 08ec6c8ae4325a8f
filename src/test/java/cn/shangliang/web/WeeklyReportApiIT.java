package cn.shangliang.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.app.AppConfig;
import cn.shangliang.app.Application;
import cn.shangliang.consultation.IsoWeek;
import cn.shangliang.testing.TestConfig;
import cn.shangliang.testing.TestRedis;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/reports/weekly}: bad weeks, scope by Access, signed links without a bearer token. */
class WeeklyReportApiIT {

    private static final String ADMIN = "admin-token-for-report-tests";
    private static final String QY_STAFF = "qy-town-staff-token";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static TestRedis redis;
    private static Application app;
    private static String base;

    @BeforeAll
    static void start() {
        redis = TestRedis.start();
        String yaml = TestConfig.serverYaml(redis.url(), dir.resolve("data")) + """
                people:
                  - {id: qy-staff, role: staff, scope: 青阳镇, token_env: QY_TOKEN}
                  - {id: office, role: leadership, accounts: ["webchat:leader"], token_env: OFFICE_TOKEN}
                """;
        AppConfig config = TestConfig.load(
                dir,
                yaml,
                Map.of("SHANGLIANG_ADMIN_TOKEN", ADMIN, "QY_TOKEN", QY_STAFF, "OFFICE_TOKEN", "office-token-1"));
        app = Application.server(config).startPipeline().startHttp();
        base = "http://127.0.0.1:" + app.httpPort();
    }

    @AfterAll
    static void stop() {
        app.close();
        redis.close();
    }

    private static HttpResponse<String> get(String pathAndQuery, String token) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(base + pathAndQuery));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void weekly_weekThatDoesNotExist_is400NamingTheValue() throws Exception {
        for (String week : new String[] {"2026-W60", "abc", "2026-W00"}) {
            HttpResponse<String> response = get("/api/reports/weekly?week=" + week + "&format=json", ADMIN);

            assertThat(response.statusCode()).as(week).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("error").asText()).contains(week);
        }
    }

    @Test
    void weekly_unknownFormat_is400() throws Exception {
        HttpResponse<String> response = get("/api/reports/weekly?week=2026-W48&format=pdf", ADMIN);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("pdf");
    }

    @Test
    void weekly_json_hasReportedOverdueUnsatisfiedAndATotal() throws Exception {
        JsonNode table = JSON.readTree(
                get("/api/reports/weekly?week=2026-W48&format=json", ADMIN).body());

        assertThat(table.path("rows").get(0).has("reported")).isTrue();
        assertThat(table.path("rows").get(0).has("overdue")).isTrue();
        assertThat(table.path("rows").get(0).has("unsatisfied")).isTrue();
        assertThat(table.path("rows").get(0).has("satisfaction_rate")).isTrue();
        assertThat(table.path("total").path("received").asInt()).isZero();
    }

    @Test
    void weekly_townStaff_seeTheirTownOnly_cityWideSeesAll() throws Exception {
        JsonNode town =
                JSON.readTree(get("/api/reports/weekly?week=2026-W48", QY_STAFF).body());
        JsonNode city =
                JSON.readTree(get("/api/reports/weekly?week=2026-W48", ADMIN).body());

        assertThat(town.path("rows").findValuesAsText("town")).containsExactly("青阳镇");
        assertThat(city.path("rows").findValuesAsText("town")).containsExactly("青阳镇", "璜土镇");
    }

    @Test
    void weekly_withoutTokenOrLink_is401() throws Exception {
        assertThat(get("/api/reports/weekly?week=2026-W48", null).statusCode()).isEqualTo(401);
    }

    @Test
    void weekly_signedLink_opensWithoutAToken_andCannotBeChanged() throws Exception {
        String link = app.reports().links().link(IsoWeek.parse("2026-W48"), "csv", "zh");
        String pathAndQuery = link.substring(link.indexOf("/api/"));

        HttpResponse<String> csv = get(pathAndQuery, null);
        HttpResponse<String> otherWeek = get(pathAndQuery.replace("2026-W48", "2026-W47"), null);
        HttpResponse<String> otherFormat = get(pathAndQuery.replace("format=csv", "format=json"), null);

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("csv"));
        assertThat(csv.body()).startsWith("\uFEFF镇（街道）,").contains("璜土镇");
        assertThat(otherWeek.statusCode()).isEqualTo(403);
        assertThat(otherFormat.statusCode()).isEqualTo(403);
    }

    @Test
    void weekly_leadershipToken_readsTheCityWideTable_butNoOtherApi() throws Exception {
        JsonNode city =
                JSON.readTree(get("/api/reports/weekly?week=2026-W48", ADMIN).body());
        HttpResponse<String> office = get("/api/reports/weekly?week=2026-W48", "office-token-1");

        assertThat(office.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(office.body()).path("rows")).isEqualTo(city.path("rows"));
        assertThat(get("/api/queues?place=青阳镇", "office-token-1").statusCode()).isEqualTo(401);
        assertThat(get("/api/reports/weekly?week=2026-W48", "office-token-2").statusCode())
                .isEqualTo(401);
    }
}
