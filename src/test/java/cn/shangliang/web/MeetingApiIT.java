package cn.shangliang.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.app.AppConfig;
import cn.shangliang.app.Application;
import cn.shangliang.consultation.Consultation;
import cn.shangliang.consultation.Place;
import cn.shangliang.consultation.Reporter;
import cn.shangliang.testing.TestClocks;
import cn.shangliang.testing.TestConfig;
import cn.shangliang.testing.TestDesks;
import cn.shangliang.testing.TestRedis;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rooms and meetings through the REST API: clashes refused, issues scheduled, scope enforced. */
class MeetingApiIT {

    private static final String ADMIN = "admin-token";
    private static final String HT_STAFF = "ht-token";
    private static final String LZ_STAFF = "lz-token";
    private static final String QY_STAFF = "qy-token";
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    private static final java.time.Clock CLOCK = TestClocks.runningFrom("2026-12-01T09:00:00+08:00");

    private TestRedis redis;
    private AppConfig config;
    private Application app;
    private Consultation desk;
    private String base;

    @BeforeEach
    void start() {
        redis = TestRedis.start();
        String yaml = TestConfig.serverYaml(redis.url(), dir.resolve("data")) + """
                rooms:
                  - {id: qy-town, name: 青阳镇议事室, place: 青阳镇, capacity: 40}
                  - {id: qy-lizhuang, name: 里庄村议事室, place: 青阳镇/里庄村}
                  - {id: qy-hall, name: 青阳镇小会议室, place: 青阳镇, hours: {text: "周一至周五 8:30-17:00", open: [{days: mon-fri, from: "08:30", to: "17:00"}]}}
                people:
                  - {id: ht-staff, role: staff, scope: 璜土镇, token_env: HT_TOKEN, accounts: ["webchat:staff-ht-0001"]}
                  - {id: lz-staff, role: staff, scope: 青阳镇/里庄村, token_env: LZ_TOKEN}
                  - {id: member-qy-01, role: member, scope: 青阳镇, accounts: ["webchat:member-0001"]}
                  - {id: qy-staff, role: staff, scope: 青阳镇, accounts: ["webchat:staff-qy-0001"], token_env: QY_TOKEN}
                commands:
                  meeting: [开会]
                  cancel_meeting: [取消会议]
                  change_meeting: [改会]
                  invite: [邀请]
                  meeting_issues: [上会]
                  meeting_outcome: [会议结果]
                  meeting_view: [会议详情]
                  binding_code: [发绑定码]
                """;
        config = TestConfig.load(
                dir,
                yaml,
                Map.of(
                        "SHANGLIANG_ADMIN_TOKEN",
                        ADMIN,
                        "HT_TOKEN",
                        HT_STAFF,
                        "LZ_TOKEN",
                        LZ_STAFF,
                        "QY_TOKEN",
                        QY_STAFF));
        boot();
    }

    private void boot() {
        app = Application.server(config, CLOCK).startPipeline().startHttp();
        base = "http://127.0.0.1:" + app.httpPort();
        desk = TestDesks.quiet(redis, config);
    }

    /** The same server again on an empty Redis: a second run from the same state. */
    private void rebootEmpty() {
        app.close();
        redis.flush();
        boot();
    }

    @AfterEach
    void stop() {
        app.close();
        redis.close();
    }

    private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> call(String method, String path, String token, String body, String idempotencyKey)
            throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", idempotencyKey);
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String meeting(String room, String title, String start, String end, String issues) {
        return "{\"room\":\"" + room + "\",\"title\":\"" + title + "\",\"start\":\"" + start + "\",\"end\":\"" + end
                + "\",\"issues\":[" + issues + "],\"invitees\":[\"member-qy-01\"]}";
    }

    @Test
    void rooms_needAToken_andListTheConfiguredRooms() throws Exception {
        assertThat(call("GET", "/api/rooms", null, null).statusCode()).isEqualTo(401);
        JsonNode rooms = json.readTree(call("GET", "/api/rooms", ADMIN, null).body());
        assertThat(rooms.findValuesAsText("id")).containsExactly("qy-town", "qy-lizhuang", "qy-hall");
        assertThat(rooms.get(0).get("village").asText()).isEmpty();
    }

    @Test
    void clash_isRefusedNamingTheOtherMeeting_adjacentMeetingsAreFine() throws Exception {
        HttpResponse<String> first = call(
                "POST",
                "/api/meetings",
                ADMIN,
                meeting("qy-town", "路灯协商会", "2026-12-02T14:00:00+08:00", "2026-12-02T16:00:00+08:00", ""));
        assertThat(first.statusCode()).isEqualTo(201);
        String firstId = json.readTree(first.body()).get("id").asText();

        HttpResponse<String> clash = call(
                "POST",
                "/api/meetings",
                ADMIN,
                meeting("qy-town", "另一个会", "2026-12-02T15:00:00+08:00", "2026-12-02T17:00:00+08:00", ""));
        assertThat(clash.statusCode()).isEqualTo(409);
        assertThat(json.readTree(clash.body()).get("clash").get("id").asText()).isEqualTo(firstId);
        assertThat(clash.body()).contains("路灯协商会");

        assertThat(call(
                                "POST",
                                "/api/meetings",
                                ADMIN,
                                meeting("qy-town", "接着开", "2026-12-02T16:00:00+08:00", "2026-12-02T17:00:00+08:00", ""))
                        .statusCode())
                .isEqualTo(201);
        assertThat(call(
                                "POST",
                                "/api/meetings",
                                ADMIN,
                                meeting(
                                        "qy-lizhuang",
                                        "另一间房",
                                        "2026-12-02T15:00:00+08:00",
                                        "2026-12-02T17:00:00+08:00",
                                        ""))
                        .statusCode())
                .isEqualTo(201);
        JsonNode schedule = json.readTree(call(
                        "GET",
                        "/api/rooms/qy-town/schedule?from=2026-12-02T00:00:00%2B08:00&to=2026-12-03T00:00:00%2B08:00",
                        ADMIN,
                        null)
                .body());
        assertThat(schedule.get("meetings").findValuesAsText("title")).containsExactly("路灯协商会", "接着开");
    }

    @Test
    void newMeeting_schedulesItsIssues() throws Exception {
        String number = desk.file("x:1", new Reporter("webchat", "r-0001"), new Place("青阳镇", "里庄村"), "路灯坏了")
                .trackingNo();

        HttpResponse<String> created = call(
                "POST",
                "/api/meetings",
                ADMIN,
                meeting(
                        "qy-lizhuang",
                        "路灯协商会",
                        "2026-12-03T09:00:00+08:00",
                        "2026-12-03T10:00:00+08:00",
                        "\"" + number + "\""));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(desk.detail(number).orElseThrow().status().name()).isEqualTo("SCHEDULED");
    }

    @Test
    void changeAndCancel_freeOrRefuseTheSlot() throws Exception {
        String a = json.readTree(call(
                                "POST",
                                "/api/meetings",
                                ADMIN,
                                meeting("qy-town", "上午会", "2026-12-04T09:00:00+08:00", "2026-12-04T10:00:00+08:00", ""))
                        .body())
                .get("id")
                .asText();
        String b = json.readTree(call(
                                "POST",
                                "/api/meetings",
                                ADMIN,
                                meeting("qy-town", "下午会", "2026-12-04T14:00:00+08:00", "2026-12-04T15:00:00+08:00", ""))
                        .body())
                .get("id")
                .asText();

        assertThat(call("PATCH", "/api/meetings/" + b, ADMIN, "{\"start\":\"2026-12-04T09:30:00+08:00\"}")
                        .statusCode())
                .isEqualTo(409);
        assertThat(call("PATCH", "/api/meetings/" + b, ADMIN, "{\"title\":\"下午议事会\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(json.readTree(call("DELETE", "/api/meetings/" + a, ADMIN, null)
                                .body())
                        .get("cancelled")
                        .asBoolean())
                .isTrue();
        assertThat(call("PATCH", "/api/meetings/" + b, ADMIN, "{\"start\":\"2026-12-04T09:30:00+08:00\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(json.readTree(call("GET", "/api/meetings/" + b, ADMIN, null).body())
                        .get("title")
                        .asText())
                .isEqualTo("下午议事会");
    }

    @Test
    void staffOfAnotherTown_andBadInput_areRefused() throws Exception {
        String body = meeting("qy-town", "会", "2026-12-05T09:00:00+08:00", "2026-12-05T10:00:00+08:00", "");
        assertThat(call("POST", "/api/meetings", HT_STAFF, body).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/meetings", ADMIN, "{oops").statusCode()).isEqualTo(400);
        assertThat(call(
                                "POST",
                                "/api/meetings",
                                ADMIN,
                                meeting("qy-town", "倒着", "2026-12-05T10:00:00+08:00", "2026-12-05T09:00:00+08:00", ""))
                        .statusCode())
                .isEqualTo(400);
        assertThat(call(
                                "POST",
                                "/api/meetings",
                                ADMIN,
                                meeting("nowhere", "x", "2026-12-05T09:00:00+08:00", "2026-12-05T10:00:00+08:00", ""))
                        .statusCode())
                .isEqualTo(400);
        assertThat(call("GET", "/api/meetings/qy-town.999", ADMIN, null).statusCode())
                .isEqualTo(404);
    }

    /** Sends a web chat message and returns the reply to it. */
    private String say(String user, String text, Map<String, String> attributes) {
        String id = java.util.UUID.randomUUID().toString();
        app.inboundQueue()
                .enqueue(new cn.shangliang.channel.Inbound(
                        "webchat", id, user, "", text, java.time.Instant.now(), attributes));
        return org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(
                        () -> app.inbox().after("webchat", user, "0", 100).stream()
                                .map(cn.shangliang.channel.Inbox.Entry::message)
                                .filter(m -> m.inReplyTo().equals(id))
                                .map(m -> m.text())
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    @Test
    void scheduleQuestionsByMessage_listMeetingsOrSayTheRoomIsFree() throws Exception {
        call(
                "POST",
                "/api/meetings",
                ADMIN,
                meeting("qy-town", "停车难协商会", "2026-12-02T14:00:00+08:00", "2026-12-02T16:00:00+08:00", ""));

        assertThat(say("asker-0001", "青阳镇议事室12月2日有会吗", Map.of()))
                .contains("停车难协商会")
                .contains("14:00-16:00");
        assertThat(say("asker-0002", "12月3日议事室有空吗", Map.of("place", "青阳镇"))).contains("没有安排");
        assertThat(say("asker-0003", "议事室本周安排", Map.of())).contains("哪个镇");
    }

    @Test
    void calendarFeed_isValidICalendar_withTheRoomsMeetings() throws Exception {
        call(
                "POST",
                "/api/meetings",
                ADMIN,
                meeting("qy-town", "路灯, 停车; 协商会", "2026-12-02T14:00:00+08:00", "2026-12-02T16:00:00+08:00", ""));

        assertThat(call("GET", "/api/rooms/qy-town/calendar.ics", null, null).statusCode())
                .isEqualTo(401);
        HttpResponse<String> feed = call("GET", "/api/rooms/qy-town/calendar.ics?token=" + ADMIN, null, null);

        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type")).get().asString().startsWith("text/calendar");
        assertThat(feed.body()).contains("\r\n").doesNotContain("\n\n");
        for (String line : feed.body().split("\r\n")) {
            assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(75);
        }
        java.util.List<biweekly.ICalendar> parsed =
                biweekly.Biweekly.parse(feed.body()).all();
        assertThat(parsed).hasSize(1);
        biweekly.component.VEvent event = parsed.get(0).getEvents().get(0);
        assertThat(event.getSummary().getValue()).isEqualTo("路灯, 停车; 协商会");
        assertThat(event.getDateStart().getValue().toInstant())
                .isEqualTo(java.time.Instant.parse("2026-12-02T06:00:00Z"));
    }

    @Test
    void member_asksForTheirMeetings() throws Exception {
        call(
                "POST",
                "/api/meetings",
                ADMIN,
                meeting("qy-town", "养老院协商会", "2026-12-09T09:00:00+08:00", "2026-12-09T11:00:00+08:00", ""));

        assertThat(say("member-0001", "我的会议", Map.of())).contains("养老院协商会");
        assertThat(say("resident-0009", "我的会议", Map.of())).contains("议事会成员");
        assertThat(say("member-0001", "那天要去医院，请假", Map.of())).contains("请假").contains("养老院协商会");
        JsonNode listed =
                json.readTree(call("GET", "/api/rooms/qy-town/schedule?from=2026-12-09T00:00:00%2B08:00", ADMIN, null)
                        .body());
        String id = listed.get("meetings").get(0).get("id").asText();
        JsonNode attendance = json.readTree(
                        call("GET", "/api/meetings/" + id, ADMIN, null).body())
                .get("attendance");
        assertThat(attendance.get("member-qy-01").asText()).startsWith("leave").contains("医院");
        assertThat(say("member-0001", "我参加", Map.of())).contains("已记下您参加");
        assertThat(json.readTree(call("GET", "/api/meetings/" + id, ADMIN, null).body())
                        .get("attendance")
                        .get("member-qy-01")
                        .asText())
                .isEqualTo("attend");
    }

    @Test
    void weeklyReport_throughTheApi() throws Exception {
        assertThat(call("GET", "/api/reports/weekly?week=2026-W49", null, null).statusCode())
                .isEqualTo(401);
        HttpResponse<String> md = call("GET", "/api/reports/weekly?week=2026-W49&format=md", ADMIN, null);
        assertThat(md.statusCode()).isEqualTo(200);
        assertThat(md.body()).contains("每周推进表").contains("青阳镇");
        assertThat(call("GET", "/api/reports/weekly?week=2026-W49&format=csv", ADMIN, null)
                        .body())
                .startsWith("\uFEFF镇（街道）,"); // the CSV starts with a UTF-8 byte-order mark
        assertThat(call("GET", "/api/reports/weekly?week=2026-W49", ADMIN, null).body())
                .contains("\"rows\"");
        assertThat(call("GET", "/api/reports/weekly?week=2026-49", ADMIN, null).statusCode())
                .isEqualTo(400);
        assertThat(call("GET", "/api/reports/weekly?week=2026-W49&format=xlsx", ADMIN, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(call("GET", "/api/reports/weekly?week=2026-W49&format=pdf", ADMIN, null)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void staff_bookAndCancelMeetingsByChat_clashesAreRefused() throws Exception {
        String booked = say("staff-qy-0001", "开会 qy-town 12月10日 14:00-16:00 停车协商会", Map.of());
        assertThat(booked).contains("已安排").contains("停车协商会").contains("qy-town.");
        String id = booked.substring(booked.indexOf("qy-town."), booked.indexOf("qy-town.") + "qy-town.1".length());

        assertThat(say("staff-qy-0001", "开会 qy-town 12月10日 15:00-17:00 另一个会", Map.of()))
                .contains("已有会议");
        assertThat(say("staff-qy-0001", "开会 nowhere 12月10日 15:00-17:00 x", Map.of()))
                .contains("请这样发");
        assertThat(say("resident-0010", "开会 qy-town 12月11日 15:00-17:00 x", Map.of()))
                .contains("只有工作人员");
        assertThat(say("staff-qy-0001", "取消会议 " + id, Map.of())).contains("已取消");
        assertThat(json.readTree(call("GET", "/api/meetings/" + id, ADMIN, null).body())
                        .get("cancelled")
                        .asBoolean())
                .isTrue();

        // meeting commands by chat are in the audit log like the API's calls: who, what, the outcome
        java.util.List<String> chat = new java.util.ArrayList<>();
        json.readTree(call("GET", "/api/audit?limit=200", ADMIN, null).body())
                .get("entries")
                .forEach(e -> {
                    if (e.get("detail").asText().startsWith("chat: ")) {
                        chat.add(e.get("action").asText() + " " + e.get("what").asText() + " "
                                + e.get("detail").asText());
                    }
                });
        assertThat(chat)
                .contains("change " + id + " chat: cancel_meeting utter_meeting_cancelled_done")
                .anyMatch(line -> line.startsWith("change qy-town chat: meeting utter_meeting_booked"))
                .anyMatch(line -> line.startsWith("change qy-town chat: meeting refusal_")
                        || line.contains("utter_meeting_clash"));
    }

    private java.util.List<String> inbox(String user) {
        return app.inbox().after("webchat", user, "0", 100).stream()
                .map(e -> e.message().text())
                .toList();
    }

    @Test
    void staff_changeInviteAgendaAndOutcomesByChat() throws Exception {
        String booked = say("staff-qy-0001", "开会 qy-town 12月10日 14:00-16:00 停车协商会", Map.of());
        String id = booked.substring(booked.indexOf("qy-town."), booked.indexOf("qy-town.") + "qy-town.1".length());
        String number = desk.file("x:2", new Reporter("webchat", "r-0002"), new Place("青阳镇", "里庄村"), "小区门口停车太乱")
                .trackingNo();

        assertThat(say("staff-qy-0001", "上会 " + id + " " + number, Map.of())).contains("已把 " + number);
        assertThat(desk.detail(number).orElseThrow().status().name()).isEqualTo("SCHEDULED");

        assertThat(say("staff-qy-0001", "邀请 " + id + " 张三", Map.of())).contains("名册里没有找到：张三");
        assertThat(say("resident-0010", "邀请 " + id + " member-qy-01", Map.of())).contains("只有工作人员");
        assertThat(say("staff-qy-0001", "邀请 " + id + " member-qy-01", Map.of())).contains("已邀请");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> inbox("member-0001").stream().anyMatch(t -> t.contains("停车协商会")));

        assertThat(say("staff-qy-0001", "改会 " + id + " 12月11日", Map.of()))
                .contains("已修改")
                .contains("12月11日 14:00-16:00");
        assertThat(json.readTree(call("GET", "/api/meetings/" + id, ADMIN, null).body())
                        .get("start")
                        .asText())
                .contains("-12-11T14:00")
                .endsWith("+08:00");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> inbox("member-0001").stream().anyMatch(t -> t.contains("会议有变动")));

        assertThat(say("staff-qy-0001", "会议详情 " + id, Map.of()))
                .contains("未回复：member-qy-01")
                .contains("议题：" + number);
        say("member-0001", "参加", Map.of());
        assertThat(say("staff-qy-0001", "会议详情 " + id, Map.of()))
                .contains("参加：member-qy-01")
                .contains("未回复：-");

        assertThat(say("staff-qy-0001", "会议结果 " + id + " QY-20990101-0001 不是这个会的", Map.of()))
                .contains("只能记录这次会议上的议题");
        assertThat(desk.detail(number).orElseThrow().status().name()).isEqualTo("SCHEDULED");
        assertThat(say("staff-qy-0001", "会议结果 " + id + " " + number + "：东侧增设20个停车位", Map.of()))
                .contains("已记录");
        var issue = desk.detail(number).orElseThrow();
        assertThat(issue.status().name()).isEqualTo("CONSULTED");
    }

    @Test
    void member_bindsASecondAccountWithACodeFromStaff_andHearsOnBoth() throws Exception {
        assertThat(say("resident-0010", "发绑定码 member-qy-01", Map.of())).contains("只有工作人员");
        assertThat(say("staff-qy-0001", "发绑定码 nobody-99", Map.of())).contains("名册里没有 nobody-99");
        String issued = say("staff-qy-0001", "发绑定码 member-qy-01", Map.of());
        java.util.regex.Matcher digits =
                java.util.regex.Pattern.compile("\\d{6}").matcher(issued);
        assertThat(digits.find()).as(issued).isTrue();
        String code = digits.group();

        assertThat(say("member-home", "绑定 " + (code.equals("999999") ? "999998" : "999999"), Map.of()))
                .contains("绑定码不对");
        assertThat(say("member-home", "绑定 " + code, Map.of())).contains("绑定成功");
        assertThat(say("someone-else", "绑定 " + code, Map.of())).contains("绑定码不对");
        assertThat(say("member-home", "我的会议", Map.of())).doesNotContain("给议事会成员用的");

        call(
                "POST",
                "/api/meetings",
                ADMIN,
                meeting("qy-town", "绑定后的会", "2026-12-08T09:00:00+08:00", "2026-12-08T10:00:00+08:00", ""));
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> inbox("member-home").stream().anyMatch(t -> t.contains("绑定后的会"))
                        && inbox("member-0001").stream().anyMatch(t -> t.contains("绑定后的会")));
    }

    @Test
    void outcomesOfAMeeting_throughTheApi_inOneStep() throws Exception {
        String a = desk.file("x:3", new Reporter("webchat", "r-0003"), new Place("青阳镇", "里庄村"), "路灯坏了")
                .trackingNo();
        String b = desk.file("x:4", new Reporter("webchat", "r-0004"), new Place("青阳镇", "里庄村"), "垃圾桶太少")
                .trackingNo();
        String id = json.readTree(call(
                                "POST",
                                "/api/meetings",
                                ADMIN,
                                meeting(
                                        "qy-lizhuang",
                                        "村务协商",
                                        "2026-12-05T09:00:00+08:00",
                                        "2026-12-05T10:00:00+08:00",
                                        "\"" + a + "\",\"" + b + "\""))
                        .body())
                .get("id")
                .asText();

        assertThat(call("POST", "/api/meetings/" + id + "/outcomes", HT_STAFF, "{\"outcome\":\"同意\"}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(call("POST", "/api/meetings/" + id + "/outcomes", ADMIN, "[1]")
                        .statusCode())
                .isEqualTo(400);
        assertThat(call(
                                "POST",
                                "/api/meetings/" + id + "/outcomes",
                                ADMIN,
                                "{\"outcomes\":{\"QY-20990101-0001\":\"x\"}}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(desk.detail(a).orElseThrow().status().name()).isEqualTo("SCHEDULED");

        HttpResponse<String> done = call(
                "POST",
                "/api/meetings/" + id + "/outcomes",
                ADMIN,
                "{\"outcomes\":{\"" + a + "\":\"下周修好\"},\"outcome\":\"每栋楼加一个\"}");

        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(json.readTree(done.body()).get("results").get(a).asText()).isEqualTo("consulted");
        assertThat(desk.detail(a).orElseThrow().status().name()).isEqualTo("CONSULTED");
        assertThat(desk.detail(b).orElseThrow().status().name()).isEqualTo("CONSULTED");
        assertThat(call("POST", "/api/meetings/nowhere.9/outcomes", ADMIN, "{\"outcome\":\"x\"}")
                        .statusCode())
                .isEqualTo(404);
    }

    private String idOf(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body()).get("id").asText();
    }

    @Test
    void booking_retriedWithTheSameIdempotencyKey_booksAndInvitesOnce() throws Exception {
        String body = meeting("qy-town", "重试的会", "2026-12-02T09:00:00+08:00", "2026-12-02T10:00:00+08:00", "");
        HttpResponse<String> first = call("POST", "/api/meetings", ADMIN, body, "retry-1");
        HttpResponse<String> again = call("POST", "/api/meetings", ADMIN, body, "retry-1");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(idOf(again)).isEqualTo(idOf(first)).isEqualTo("qy-town.1");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> inbox("member-0001").stream().anyMatch(t -> t.contains("重试的会")));
        HttpResponse<String> other = call(
                "POST",
                "/api/meetings",
                ADMIN,
                meeting("qy-town", "下一个会", "2026-12-02T10:00:00+08:00", "2026-12-02T11:00:00+08:00", ""),
                "retry-2");
        assertThat(idOf(other)).as("no gap").isEqualTo("qy-town.2");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> inbox("member-0001").stream().anyMatch(t -> t.contains("下一个会")));
        assertThat(inbox("member-0001").stream().filter(t -> t.contains("重试的会")))
                .hasSize(1);

        String cancelled =
                call("DELETE", "/api/meetings/qy-town.1", ADMIN, "", "retry-3").body();
        assertThat(call("DELETE", "/api/meetings/qy-town.1", ADMIN, "", "retry-3")
                        .statusCode())
                .isEqualTo(200);
        assertThat(cancelled).contains("\"cancelled\":true");
    }

    @Test
    void meetingsOutsideOpeningHoursOrInThePast_areRefused_asJsonErrorsWithAReason() throws Exception {
        HttpResponse<String> night = call(
                "POST",
                "/api/meetings",
                ADMIN,
                meeting("qy-hall", "夜间会", "2026-12-02T03:00:00+08:00", "2026-12-02T04:00:00+08:00", ""));
        assertThat(night.statusCode()).isEqualTo(400);
        JsonNode error = json.readTree(night.body());
        assertThat(error.get("reason").asText()).isEqualTo("meeting_room_closed");
        assertThat(error.get("error").asText()).contains("closed").contains("周一至周五 8:30-17:00");

        HttpResponse<String> saturday = call(
                "POST",
                "/api/meetings",
                ADMIN,
                meeting("qy-hall", "周六会", "2026-12-05T09:00:00+08:00", "2026-12-05T10:00:00+08:00", ""));
        assertThat(saturday.statusCode()).isEqualTo(400);

        HttpResponse<String> past = call(
                "POST",
                "/api/meetings",
                ADMIN,
                meeting("qy-hall", "补登的会", "2026-11-30T09:00:00+08:00", "2026-11-30T10:00:00+08:00", ""));
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(json.readTree(past.body()).get("reason").asText()).isEqualTo("meeting_in_past");

        String id = idOf(call(
                "POST",
                "/api/meetings",
                ADMIN,
                meeting("qy-hall", "白天会", "2026-12-02T09:00:00+08:00", "2026-12-02T10:00:00+08:00", "")));
        HttpResponse<String> late =
                call("PATCH", "/api/meetings/" + id, ADMIN, "{\"end\":\"2026-12-02T18:00:00+08:00\"}");
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(json.readTree(call("GET", "/api/meetings/" + id, ADMIN, null).body())
                        .get("end")
                        .asText())
                .isEqualTo("2026-12-02T10:00+08:00");
        assertThat(say("asker-0020", "青阳镇议事室12月5日有空吗", Map.of()))
                .as("the hall is shut on Saturday: only the always-open room is offered")
                .contains("青阳镇议事室")
                .doesNotContain("青阳镇小会议室");
    }

    @Test
    void everyMeetingRoute_outOfScope_is403_andChangesNothing() throws Exception {
        String number = desk.file("x:9", new Reporter("webchat", "r-0009"), new Place("青阳镇", "里庄村"), "路灯坏了")
                .trackingNo();
        String id = idOf(call(
                "POST",
                "/api/meetings",
                ADMIN,
                meeting(
                        "qy-town",
                        "青阳的会",
                        "2026-12-02T09:00:00+08:00",
                        "2026-12-02T10:00:00+08:00",
                        "\"" + number + "\"")));
        String before = call("GET", "/api/meetings/" + id, ADMIN, null).body();

        for (String token : java.util.List.of(HT_STAFF, LZ_STAFF)) {
            assertThat(call("GET", "/api/meetings/" + id, token, null).statusCode())
                    .isEqualTo(403);
            assertThat(call("PATCH", "/api/meetings/" + id, token, "{\"title\":\"改掉\"}")
                            .statusCode())
                    .isEqualTo(403);
            assertThat(call("DELETE", "/api/meetings/" + id, token, null).statusCode())
                    .isEqualTo(403);
            assertThat(call("POST", "/api/meetings/" + id + "/outcomes", token, "{\"outcome\":\"同意\"}")
                            .statusCode())
                    .isEqualTo(403);
            assertThat(call("GET", "/api/rooms/qy-town/schedule", token, null).statusCode())
                    .isEqualTo(403);
            assertThat(call("GET", "/api/rooms/qy-town/calendar.ics", token, null)
                            .statusCode())
                    .isEqualTo(403);
            assertThat(call("GET", "/api/rooms/qy-town/calendar.ics?token=" + token, null, null)
                            .statusCode())
                    .isEqualTo(403);
            HttpResponse<String> post = call(
                    "POST",
                    "/api/meetings",
                    token,
                    meeting("qy-town", "x", "2026-12-03T09:00:00+08:00", "2026-12-03T10:00:00+08:00", ""));
            assertThat(post.statusCode()).isEqualTo(403);
            assertThat(json.readTree(post.body()).get("reason").asText()).isEqualTo("forbidden");
        }
        assertThat(json.readTree(call("GET", "/api/rooms", HT_STAFF, null).body()))
                .isEmpty();
        assertThat(json.readTree(call("GET", "/api/rooms", LZ_STAFF, null).body())
                        .findValuesAsText("id"))
                .containsExactly("qy-lizhuang");
        assertThat(call("GET", "/api/meetings/" + id, ADMIN, null).body()).isEqualTo(before);
        assertThat(desk.detail(number).orElseThrow().status().name()).isEqualTo("SCHEDULED");
        assertThat(call("GET", "/api/rooms/qy-town/schedule", QY_STAFF, null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void villageStaff_bookTheirRoom_butNotWithAnotherTownsIssue() throws Exception {
        String foreign = desk.file("x:10", new Reporter("webchat", "r-0010"), new Place("璜土镇", "石庄村"), "下水道堵了")
                .trackingNo();
        HttpResponse<String> own = call(
                "POST",
                "/api/meetings",
                LZ_STAFF,
                meeting("qy-lizhuang", "里庄的会", "2026-12-02T14:00:00+08:00", "2026-12-02T15:00:00+08:00", ""));
        assertThat(own.statusCode()).isEqualTo(201);
        String id = idOf(own);

        HttpResponse<String> patched =
                call("PATCH", "/api/meetings/" + id, LZ_STAFF, "{\"issues\":[\"" + foreign + "\"]}");
        assertThat(patched.statusCode()).isEqualTo(400);
        assertThat(json.readTree(patched.body()).get("reason").asText()).isEqualTo("meeting_issues_out_of_scope");
        assertThat(call("GET", "/api/meetings/" + id, LZ_STAFF, null).body()).doesNotContain(foreign);
        assertThat(call("GET", "/api/rooms/qy-lizhuang/calendar.ics?token=" + LZ_STAFF, null, null)
                        .body())
                .doesNotContain(foreign);
        assertThat(desk.detail(foreign).orElseThrow().status().name()).isEqualTo("RECEIVED");
    }

    @Test
    void everyMeetingCommand_outOfScope_isRefusedPolitely_andChangesNothing() throws Exception {
        String number = desk.file("x:11", new Reporter("webchat", "r-0011"), new Place("青阳镇", "里庄村"), "路灯坏了")
                .trackingNo();
        String id = idOf(call(
                "POST",
                "/api/meetings",
                ADMIN,
                meeting("qy-town", "青阳的会", "2026-12-02T09:00:00+08:00", "2026-12-02T10:00:00+08:00", "")));
        String before = call("GET", "/api/meetings/" + id, ADMIN, null).body();

        for (String command : java.util.List.of(
                "开会 qy-town 12月3日 09:00-10:00 越界的会",
                "取消会议 " + id,
                "改会 " + id + " 12月3日 09:00-10:00",
                "邀请 " + id + " member-qy-01",
                "上会 " + id + " " + number,
                "会议结果 " + id + " 同意",
                "会议详情 " + id)) {
            assertThat(say("staff-ht-0001", command, Map.of())).as(command).contains("不在您负责的范围内");
        }
        assertThat(call("GET", "/api/meetings/" + id, ADMIN, null).body()).isEqualTo(before);
        assertThat(call("GET", "/api/rooms/qy-town/schedule?from=2026-12-03T00:00:00%2B08:00", ADMIN, null)
                        .body())
                .doesNotContain("越界的会");
        assertThat(desk.detail(number).orElseThrow().status().name()).isEqualTo("RECEIVED");
    }

    /** What a booking left behind: the meeting, the issue's status and history notes, what member and reporter heard. */
    private Map<String, Object> after(String id, String number) throws Exception {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> !inbox("member-0001").isEmpty() && !inbox("r-0100").isEmpty());
        var issue = desk.detail(number).orElseThrow();
        return Map.of(
                "meeting",
                        json.readTree(
                                call("GET", "/api/meetings/" + id, ADMIN, null).body()),
                "status", issue.status(),
                "history",
                        issue.history().stream()
                                .map(h -> h.action() + "|" + h.to() + "|" + h.note())
                                .toList(),
                "member heard", inbox("member-0001"),
                "reporter heard", inbox("r-0100"));
    }

    @Test
    void sameBooking_byChatAndByApi_leavesEqualStateAndEqualNotices() throws Exception {
        String number = desk.file("x:p", new Reporter("webchat", "r-0100"), new Place("青阳镇", "里庄村"), "村口路灯坏了")
                .trackingNo();
        String booked = say("staff-qy-0001", "开会 qy-town 12月10日 14:00-16:00 路灯协商会", Map.of());
        String id = booked.substring(booked.indexOf("qy-town."), booked.indexOf("qy-town.") + "qy-town.1".length());
        say("staff-qy-0001", "上会 " + id + " " + number, Map.of());
        say("staff-qy-0001", "邀请 " + id + " member-qy-01", Map.of());
        Map<String, Object> byChat = after(id, number);

        rebootEmpty();
        assertThat(desk.file("x:p", new Reporter("webchat", "r-0100"), new Place("青阳镇", "里庄村"), "村口路灯坏了")
                        .trackingNo())
                .isEqualTo(number);
        HttpResponse<String> created = call(
                "POST",
                "/api/meetings",
                QY_STAFF,
                "{\"room\":\"qy-town\",\"title\":\"路灯协商会\",\"start\":\"2026-12-10T14:00:00+08:00\","
                        + "\"end\":\"2026-12-10T16:00:00+08:00\",\"issues\":[\"" + number + "\"],"
                        + "\"invitees\":[\"member-qy-01\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        Map<String, Object> byApi = after(idOf(created), number);

        assertThat(byApi).isEqualTo(byChat);
        assertThat(byChat.get("history").toString()).contains("12月10日 14:00 青阳镇议事室");
    }
}
