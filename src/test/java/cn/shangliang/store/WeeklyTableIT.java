package cn.shangliang.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shangliang.app.Application;
import cn.shangliang.consultation.Consultation;
import cn.shangliang.consultation.IsoWeek;
import cn.shangliang.consultation.IssueAction;
import cn.shangliang.consultation.Meeting;
import cn.shangliang.consultation.Place;
import cn.shangliang.consultation.Regions;
import cn.shangliang.consultation.Reporter;
import cn.shangliang.consultation.Room;
import cn.shangliang.consultation.Router;
import cn.shangliang.consultation.Staff;
import cn.shangliang.consultation.Town;
import cn.shangliang.consultation.WeeklyTable;
import cn.shangliang.dialogue.Responses;
import cn.shangliang.jobs.JobRun;
import cn.shangliang.jobs.WeeklyPush;
import cn.shangliang.report.WeeklyReportText;
import cn.shangliang.report.WeeklySummary;
import cn.shangliang.testing.MeetingWrites;
import cn.shangliang.testing.MutableClock;
import cn.shangliang.testing.RedisPerClass;
import cn.shangliang.testing.TestDesks;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The weekly table against a scripted week of events (week 2026-W49: Monday 30 November to Sunday 6 December). */
class WeeklyTableIT {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    @Test
    void scriptedWeek_givesTheExpectedNumbers_inMarkdownAndCsv() {
        Regions regions =
                new Regions(List.of(new Town("青阳镇", "QY", List.of("里庄村")), new Town("璜土镇", "HT", List.of("石庄村"))));
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T01:00:00Z"), ZONE); // Monday 09:00
        Consultation desk = TestDesks.delivering(
                new RedisIssueStore(redis.client(), Application.objectMapper()),
                regions,
                new Router(List.of(), t -> t),
                clock,
                t -> {});
        Staff admin = Staff.cityWide("admin");
        Reporter zhang = new Reporter("wecom", "zhang");
        String lights = desk.file("w:1", zhang, new Place("青阳镇", "里庄村"), "路灯坏了").trackingNo();
        clock.advance(Duration.ofDays(1));
        desk.transition("w:2", admin, lights, new IssueAction.Accept());
        desk.transition("w:3", admin, lights, new IssueAction.Schedule("周四协商会"));
        clock.advance(Duration.ofDays(1));
        desk.file("w:4", zhang, new Place("青阳镇", "里庄村"), "垃圾没人清"); // stays open
        clock.advance(Duration.ofDays(1)); // Thursday
        desk.transition("w:5", admin, lights, new IssueAction.RecordOutcome("本周换灯"));
        desk.transition("w:6", admin, lights, new IssueAction.Report());
        clock.advance(Duration.ofDays(1)); // Friday
        desk.transition("w:7", admin, lights, new IssueAction.Close());
        desk.rate(zhang, lights, cn.shangliang.consultation.ConcernDesk.Rating.SATISFIED);

        RedisMeetingBook meetings = new RedisMeetingBook(redis.client(), Application.objectMapper());
        OffsetDateTime thursday = OffsetDateTime.of(2026, 12, 3, 14, 0, 0, 0, ZoneOffset.ofHours(8));
        MeetingWrites.create(
                meetings,
                new Meeting(null, "qy-town", "周四协商会", thursday, thursday.plusHours(2), List.of(), List.of(), false));
        MeetingWrites.create(
                meetings,
                new Meeting(
                        null,
                        "qy-town",
                        "上周的会",
                        thursday.minusDays(7),
                        thursday.minusDays(7).plusHours(2),
                        List.of(),
                        List.of(),
                        false));
        List<Room> rooms = List.of(new Room("qy-town", "青阳镇议事室", "青阳镇", "", "", 40, ""));

        WeeklyTable.Table table = WeeklyTable.compute(
                IsoWeek.parse("2026-W49"),
                ZONE,
                Instant.parse("2026-12-07T00:00:00Z"), // the Monday after
                Duration.ofDays(14),
                new WeeklyTable.Sources(
                        regions.towns(),
                        desk::allOf,
                        rooms,
                        id -> LocalDate.of(2025, 6, 1),
                        (room, before) -> meetings.schedule(room, Instant.EPOCH, before)));

        WeeklyTable.Row qy = table.rows().get(0);
        assertThat(table.from()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(qy.town()).isEqualTo("青阳镇");
        assertThat(qy.roomInPlace()).isTrue();
        assertThat(qy.roomSince()).isEqualTo("2025-06-01");
        assertThat(qy.activitiesThisWeek()).isEqualTo(1);
        assertThat(qy.activitiesTotal()).isEqualTo(2);
        assertThat(qy.received()).isEqualTo(2);
        assertThat(qy.accepted()).isEqualTo(1);
        assertThat(qy.consulted()).isEqualTo(1);
        assertThat(qy.reported()).isEqualTo(1);
        assertThat(qy.closed()).isEqualTo(1);
        assertThat(qy.openAtEnd()).isEqualTo(1);
        assertThat(qy.averageDaysToConsult()).contains(3.0);
        assertThat(qy.ratings()).isEqualTo(1);
        assertThat(qy.satisfied()).isEqualTo(1);
        WeeklyTable.Row ht = table.rows().get(1);
        assertThat(ht.roomInPlace()).isFalse();
        assertThat(ht.received()).isZero();

        Responses responses = Responses.load(Path.of("intents/responses.yml"), new Random(1));
        WeeklyReportText text = new WeeklyReportText(responses::render);
        String csv = text.csv(table, "zh");
        assertThat(csv).startsWith("\uFEFF镇（街道）,");
        assertThat(csv.split("\r\n")).hasSize(4); // header, two towns, total
        assertThat(csv.split("\r\n")[1]).isEqualTo("青阳镇,已建,2025-06-01,1,2,2,1,1,1,1,1,0,3.0,1,1,0,100.0%");
        assertThat(csv.split("\r\n")[3]).isEqualTo("合计,1/2,2025-06-01,1,2,2,1,1,1,1,1,0,3.0,1,1,0,100.0%");
        assertThat(text.markdown(table, "zh")).contains("2026-W49").contains("| 合计 |");
        assertThat(text.markdown(table, "en")).contains("Weekly progress table");

        byte[] xlsx = text.xlsx(table, "zh");
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("镇（街道）");
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("青阳镇");
            assertThat(sheet.getRow(2).getCell(5).getNumericCellValue()).isEqualTo(2.0); // received
            assertThat(sheet.getRow(4).getCell(0).getStringCellValue()).isEqualTo("合计");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void fridayPush_goesToTheLeadershipOnce_evenWithTwoProcesses() {
        Regions regions = new Regions(List.of(new Town("青阳镇", "QY", List.of("里庄村"))));
        var people = new cn.shangliang.consultation.People(
                List.of(new cn.shangliang.consultation.Person(
                        "office",
                        "领导小组办公室",
                        cn.shangliang.consultation.Person.Kind.LEADERSHIP,
                        null,
                        List.of("wecom:leader"))),
                regions);
        var responses = Responses.load(Path.of("intents/responses.yml"), new Random(1));
        var outbound = new RedisOutboundQueue(redis.client(), Application.objectMapper(), Duration.ofDays(7));
        WeeklyTable.Table empty = WeeklyTable.compute(
                IsoWeek.parse("2026-W49"),
                ZONE,
                Instant.parse("2026-12-04T09:05:00Z"),
                Duration.ofDays(14),
                new WeeklyTable.Sources(regions.towns(), t -> List.of(), List.of(), id -> null, (r, u) -> List.of()));
        WeeklySummary summary = new WeeklySummary(responses::render);
        MutableClock thursday = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"), ZONE); // Thu 18:00
        MutableClock friday = new MutableClock(Instant.parse("2026-12-04T09:05:00Z"), ZONE); // Fri 17:05
        var notYet = new WeeklyPush(
                w -> empty, people, new RedisJobClaims(redis.client(), thursday), summary, outbound, thursday, 17);
        var first = new WeeklyPush(
                w -> empty, people, new RedisJobClaims(redis.client(), friday), summary, outbound, friday, 17);
        var second = new WeeklyPush(
                w -> empty, people, new RedisJobClaims(redis.client(), friday), summary, outbound, friday, 17);

        assertThat(notYet.runOnce()).isInstanceOf(JobRun.NotDue.class);
        assertThat(first.runOnce().messages()).isEqualTo(1);
        assertThat(second.runOnce()).isInstanceOf(JobRun.AlreadyClaimed.class);
        assertThat(cn.shangliang.testing.Pipes.outboundEntries(redis.client()))
                .singleElement()
                .satisfies(e ->
                        assertThat(e.getFields().get("m")).contains("2026-W49").contains("leader"));
    }

    @Test
    void runNow_earlyInTheWeek_claimsTheFridayRunSoItSendsNothing() {
        Regions regions = new Regions(List.of(new Town("璜土镇", "HT", List.of("石庄村"))));
        var people = new cn.shangliang.consultation.People(
                List.of(new cn.shangliang.consultation.Person(
                        "office",
                        "领导小组办公室",
                        cn.shangliang.consultation.Person.Kind.LEADERSHIP,
                        null,
                        List.of("wecom:leader-w50"))),
                regions);
        var responses = Responses.load(Path.of("intents/responses.yml"), new Random(1));
        var outbound = new RedisOutboundQueue(redis.client(), Application.objectMapper(), Duration.ofDays(7));
        WeeklyTable.Table empty = WeeklyTable.compute(
                IsoWeek.parse("2026-W50"),
                ZONE,
                Instant.parse("2026-12-07T01:00:00Z"),
                Duration.ofDays(14),
                new WeeklyTable.Sources(regions.towns(), t -> List.of(), List.of(), id -> null, (r, u) -> List.of()));
        MutableClock clock = new MutableClock(Instant.parse("2026-12-07T01:00:00Z"), ZONE); // Monday of W50, 09:00
        var push = new WeeklyPush(
                w -> empty,
                people,
                new RedisJobClaims(redis.client(), clock),
                new WeeklySummary(responses::render),
                outbound,
                clock,
                17);

        JobRun onDemand = push.runNow(IsoWeek.parse("2026-W50"));
        clock.advance(Duration.ofDays(4).plusHours(9)); // Friday 18:00
        JobRun friday = push.runOnce();

        assertThat(onDemand.messages()).isEqualTo(1);
        assertThat(friday).isEqualTo(new JobRun.AlreadyClaimed("weekly-report-2026-W50"));
        assertThat(redis.client().ttl(RedisKeys.jobClaim("weekly-report-2026-W50", "2026-12-11")))
                .isGreaterThan(Duration.ofDays(4).toSeconds());
    }
}
