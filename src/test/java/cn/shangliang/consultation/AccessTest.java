package cn.shangliang.consultation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one authorisation point: who may see and do what. */
class AccessTest {

    private final Room town = new Room("qy-town", "青阳镇议事室", "青阳镇", "", "", 40, "");
    private final Room village = new Room("qy-lizhuang", "里庄村议事室", "青阳镇", "里庄村", "", 20, "");
    private final Room otherTown = new Room("ht-town", "璜土镇议事室", "璜土镇", "", "", 40, "");
    private final Access access = new Access(List.of(town, village, otherTown));
    private final Staff admin = Staff.cityWide("admin");
    private final Staff qy = new Staff("qy", Place.town("青阳镇"), false);
    private final Staff lz = new Staff("lz", new Place("青阳镇", "里庄村"), false);

    private static IssueDetail issue(String town, String village, Topic.Level level) {
        return new IssueDetail(
                "X-1",
                "t",
                "t",
                town,
                village,
                level,
                Topic.Status.RECEIVED,
                "",
                false,
                0,
                Instant.EPOCH,
                "",
                List.of(),
                "",
                "");
    }

    @Test
    void issue_townStaffSeeTheirTown_villageStaffTheirVillageLevelOnly() {
        assertThat(access.issue(qy, issue("青阳镇", "里庄村", Topic.Level.TOWN))).isTrue();
        assertThat(access.issue(lz, issue("青阳镇", "里庄村", Topic.Level.VILLAGE))).isTrue();
        assertThat(access.issue(lz, issue("青阳镇", "里庄村", Topic.Level.TOWN))).isFalse();
        assertThat(access.issue(lz, issue("青阳镇", "前进村", Topic.Level.VILLAGE))).isFalse();
        assertThat(access.issue(qy, issue("璜土镇", "石庄村", Topic.Level.VILLAGE))).isFalse();
        assertThat(access.issue(admin, issue("璜土镇", "石庄村", Topic.Level.VILLAGE)))
                .isTrue();
    }

    @Test
    void rooms_andMeetings_followTheRoomsPlace() {
        assertThat(access.rooms(lz, List.of(town, village, otherTown))).containsExactly(village);
        assertThat(access.rooms(qy, List.of(town, village, otherTown))).containsExactly(town, village);
        var meeting = new Meeting(
                "ht-town.1",
                "ht-town",
                "会",
                java.time.OffsetDateTime.parse("2026-12-07T10:00+08:00"),
                java.time.OffsetDateTime.parse("2026-12-07T11:00+08:00"),
                List.of(),
                List.of(),
                false);
        assertThat(access.meeting(lz, meeting)).isFalse();
        assertThat(access.meeting(admin, meeting)).isTrue();
        assertThat(access.meeting(
                        admin,
                        new Meeting("x.1", "gone", "", meeting.start(), meeting.end(), List.of(), List.of(), false)))
                .isFalse();
    }

    @Test
    void issueOnMeeting_mustBelongWhereTheRoomIs() {
        assertThat(access.issueOnMeeting(lz, village, issue("青阳镇", "里庄村", Topic.Level.VILLAGE)))
                .isTrue();
        assertThat(access.issueOnMeeting(lz, village, issue("璜土镇", "石庄村", Topic.Level.VILLAGE)))
                .isFalse();
        assertThat(access.issueOnMeeting(admin, village, issue("青阳镇", "里庄村", Topic.Level.TOWN)))
                .isFalse();
        assertThat(access.issueOnMeeting(admin, village, issue("青阳镇", "前进村", Topic.Level.VILLAGE)))
                .isFalse();
        assertThat(access.issueOnMeeting(qy, town, issue("青阳镇", "前进村", Topic.Level.VILLAGE)))
                .isTrue();
        assertThat(access.issueOnMeeting(admin, town, issue("璜土镇", "", Topic.Level.TOWN)))
                .isFalse();
    }

    @Test
    void bindingCodes_andTownFigures() {
        Person member = new Person("m", "", Person.Kind.MEMBER, new Place("青阳镇", "前进村"), List.of());
        Person office = new Person("o", "", Person.Kind.LEADERSHIP, null, List.of());
        assertThat(access.person(qy, member)).isTrue();
        assertThat(access.person(lz, member)).isFalse();
        assertThat(access.person(qy, office)).isFalse();
        assertThat(access.person(admin, office)).isTrue();
        assertThat(access.townFigures(lz, "青阳镇")).isTrue();
        assertThat(access.townFigures(lz, "璜土镇")).isFalse();
    }
}
