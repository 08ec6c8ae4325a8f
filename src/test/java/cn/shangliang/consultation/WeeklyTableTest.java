package cn.shangliang.consultation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Week 2026-W49: Monday 30 November to Sunday 6 December 2026, Asia/Shanghai. */
class WeeklyTableTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final IsoWeek WEEK = IsoWeek.parse("2026-W49");
    private static final Instant MONDAY = Instant.parse("2026-11-30T01:00:00Z"); // 09:00 local
    private static final Instant AFTER_THE_WEEK = Instant.parse("2026-12-10T00:00:00Z");
    private static final Duration OVERDUE = Duration.ofDays(14);
    private static final Town QY = new Town("青阳镇", "QY", List.of("里庄村"));
    private static final Town HT = new Town("璜土镇", "HT", List.of("石庄村"));
    private static final Room QY_ROOM = new Room("qy-town", "青阳镇议事室", "青阳镇", "", "", 40, "");

    @Test
    void compute_issueReportedInTheWeek_countsAsReported() {
        IssueDetail issue = issue("QY-1", MONDAY, "", step(day(1), "ACCEPTED"), step(day(2), "SCHEDULED"))
                .with(step(day(3), "CONSULTED"), step(day(3), "REPORTED"))
                .build();

        WeeklyTable.Row row = table(AFTER_THE_WEEK, Map.of("青阳镇", List.of(issue)), List.of())
                .rows()
                .get(0);

        assertThat(row.reported()).isEqualTo(1);
        assertThat(row.consulted()).isEqualTo(1);
        assertThat(row.openAtEnd()).isEqualTo(1);
    }

    @Test
    void compute_openIssueFiledLongerThanOverdueDaysBeforeTheEnd_isOverdue() {
        IssueDetail old =
                issue("QY-1", Instant.parse("2026-11-20T00:00:00Z"), "").build(); // 16 days by Sunday
        IssueDetail recent = issue("QY-2", MONDAY, "").build();
        IssueDetail closedOld = issue("QY-3", Instant.parse("2026-11-01T00:00:00Z"), "")
                .with(step(day(1), "CLOSED"))
                .build();

        WeeklyTable.Row row = table(AFTER_THE_WEEK, Map.of("青阳镇", List.of(old, recent, closedOld)), List.of())
                .rows()
                .get(0);

        assertThat(row.overdue()).isEqualTo(1);
        assertThat(row.openAtEnd()).isEqualTo(2);
        assertThat(row.closed()).isEqualTo(1);
    }

    @Test
    void compute_weekStillRunning_overdueTakenNowNotAtSunday() {
        IssueDetail old =
                issue("QY-1", Instant.parse("2026-11-20T00:00:00Z"), "").build(); // 14 days on 4 December

        WeeklyTable.Row wednesday =
                table(day(2), Map.of("青阳镇", List.of(old)), List.of()).rows().get(0);

        assertThat(wednesday.overdue()).isZero();
        assertThat(wednesday.openAtEnd()).isEqualTo(1);
    }

    @Test
    void compute_meetingLaterInTheWeek_isNotYetAnActivity() {
        OffsetDateTime tuesday = OffsetDateTime.of(2026, 12, 1, 14, 0, 0, 0, ZoneOffset.ofHours(8));
        List<Meeting> meetings = List.of(
                meeting("1", tuesday.minusDays(7)),
                meeting("2", tuesday),
                meeting("3", tuesday.plusDays(3)), // Friday afternoon
                cancelled(meeting("4", tuesday.plusHours(1))));

        Instant thursday = Instant.parse("2026-12-03T02:00:00Z");
        WeeklyTable.Row row = table(thursday, Map.of(), meetings).rows().get(0);
        WeeklyTable.Row afterwards =
                table(AFTER_THE_WEEK, Map.of(), meetings).rows().get(0);

        assertThat(row.activitiesThisWeek()).isEqualTo(1);
        assertThat(row.activitiesTotal()).isEqualTo(2);
        assertThat(afterwards.activitiesThisWeek()).isEqualTo(2);
        assertThat(afterwards.activitiesTotal()).isEqualTo(3);
    }

    @Test
    void compute_ratings_countUnsatisfiedAndRate() {
        List<IssueDetail> issues = List.of(
                closed("QY-1", "SATISFIED"),
                closed("QY-2", "BASICALLY_SATISFIED"),
                closed("QY-3", "UNSATISFIED"),
                closed("QY-4", ""));

        WeeklyTable.Row row =
                table(AFTER_THE_WEEK, Map.of("青阳镇", issues), List.of()).rows().get(0);

        assertThat(row.ratings()).isEqualTo(3);
        assertThat(row.satisfied()).isEqualTo(2);
        assertThat(row.unsatisfied()).isEqualTo(1);
        assertThat(row.satisfactionRate()).contains(66.7);
    }

    @Test
    void compute_noRatings_hasNoRate() {
        WeeklyTable.Row row = table(AFTER_THE_WEEK, Map.of(), List.of()).rows().get(1);

        assertThat(row.ratings()).isZero();
        assertThat(row.satisfactionRate()).isEmpty();
    }

    @Test
    void compute_totalRow_averagesDaysOverAllTowns_andKeepsZero() {
        IssueDetail sameDay =
                issue("QY-1", MONDAY, "").with(step(MONDAY, "CONSULTED")).build();
        IssueDetail fourDays =
                issue("HT-1", MONDAY, "").with(step(day(4), "CONSULTED")).build();
        IssueDetail twoDays =
                issue("HT-2", MONDAY, "").with(step(day(2), "CONSULTED")).build();

        WeeklyTable.Table table =
                table(AFTER_THE_WEEK, Map.of("青阳镇", List.of(sameDay), "璜土镇", List.of(fourDays, twoDays)), List.of());

        assertThat(table.rows().get(0).averageDaysToConsult()).contains(0.0);
        assertThat(table.rows().get(1).averageDaysToConsult()).contains(3.0);
        assertThat(table.total().averageDaysToConsult()).contains(2.0);
        assertThat(table.total().consulted()).isEqualTo(3);
        assertThat(table.total().received()).isEqualTo(3);
        assertThat(table.total().town()).isEmpty();
    }

    @Test
    void compute_eventsAfterNow_areNotCounted() {
        IssueDetail later = issue("QY-1", day(3), "").build();

        WeeklyTable.Row row =
                table(day(2), Map.of("青阳镇", List.of(later)), List.of()).rows().get(0);

        assertThat(row.received()).isZero();
        assertThat(row.openAtEnd()).isZero();
    }

    @Test
    void compute_weekAndRoom_areReported() {
        WeeklyTable.Table table = table(AFTER_THE_WEEK, Map.of(), List.of());

        assertThat(table.from()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(table.to()).isEqualTo(LocalDate.of(2026, 12, 6));
        assertThat(table.rows()).extracting(WeeklyTable.Row::town).containsExactly("青阳镇", "璜土镇");
        assertThat(table.rows().get(0).roomInPlace()).isTrue();
        assertThat(table.rows().get(0).roomSince()).isEqualTo("2025-06-01");
        assertThat(table.rows().get(1).roomInPlace()).isFalse();
    }

    // fixtures

    private static WeeklyTable.Table table(
            Instant now, Map<String, List<IssueDetail>> issues, List<Meeting> qyMeetings) {
        return WeeklyTable.compute(
                WEEK,
                ZONE,
                now,
                OVERDUE,
                new WeeklyTable.Sources(
                        List.of(QY, HT),
                        town -> issues.getOrDefault(town, List.of()),
                        List.of(QY_ROOM),
                        room -> LocalDate.of(2025, 6, 1),
                        (room, before) -> qyMeetings.stream()
                                .filter(m -> m.start().toInstant().isBefore(before))
                                .toList()));
    }

    private static Instant day(int daysAfterMonday) {
        return MONDAY.plus(Duration.ofDays(daysAfterMonday));
    }

    private static IssueDetail.HistoryEntry step(Instant at, String to) {
        return new IssueDetail.HistoryEntry(at, "admin", "x", "", to, "");
    }

    private static IssueDetail closed(String no, String rating) {
        return issue(no, MONDAY, rating).with(step(day(1), "CLOSED")).build();
    }

    private static IssueBuilder issue(String no, Instant created, String rating, IssueDetail.HistoryEntry... steps) {
        return new IssueBuilder(no, created, rating).with(steps);
    }

    private static Meeting meeting(String id, OffsetDateTime start) {
        return new Meeting(id, "qy-town", "会", start, start.plusHours(2), List.of(), List.of(), false);
    }

    private static Meeting cancelled(Meeting m) {
        return new Meeting(m.id(), m.roomId(), m.title(), m.start(), m.end(), m.issues(), m.invitees(), true);
    }

    private static final class IssueBuilder {
        private final String no;
        private final Instant created;
        private final String rating;
        private final List<IssueDetail.HistoryEntry> history = new ArrayList<>();

        IssueBuilder(String no, Instant created, String rating) {
            this.no = no;
            this.created = created;
            this.rating = rating;
        }

        IssueBuilder with(IssueDetail.HistoryEntry... steps) {
            history.addAll(List.of(steps));
            return this;
        }

        IssueDetail build() {
            Topic.Status status = history.isEmpty()
                    ? Topic.Status.RECEIVED
                    : Topic.Status.valueOf(history.getLast().to());
            return new IssueDetail(
                    no,
                    "标题",
                    "内容",
                    no.startsWith("QY") ? "青阳镇" : "璜土镇",
                    "",
                    Topic.Level.TOWN,
                    status,
                    "",
                    false,
                    0,
                    created,
                    "",
                    history,
                    rating,
                    "");
        }
    }
}
