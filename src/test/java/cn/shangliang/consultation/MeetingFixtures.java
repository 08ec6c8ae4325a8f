package cn.shangliang.consultation;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rooms, staff, issues and a fixed clock (Tuesday 1 December 2026, 09:00 in Jiangyin) for the meeting tests. */
final class MeetingFixtures {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T01:00:00Z"), ZONE);

    static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    /** Town room: weekdays 08:30-12:00 and 13:30-17:00. */
    static final Room QY_TOWN = new Room(
            "qy-town",
            "青阳镇议事室",
            "青阳镇",
            "",
            "镇政府一楼",
            40,
            new OpeningHours(
                    "周一至周五 8:30-12:00、13:30-17:00",
                    List.of(
                            new OpeningHours.Range(WEEKDAYS, LocalTime.of(8, 30), LocalTime.of(12, 0)),
                            new OpeningHours.Range(WEEKDAYS, LocalTime.of(13, 30), LocalTime.of(17, 0)))));

    /** Village room: Monday to Saturday 08:30-16:30. */
    static final Room QY_LIZHUANG = new Room(
            "qy-lizhuang",
            "里庄村议事室",
            "青阳镇",
            "里庄村",
            "",
            20,
            new OpeningHours(
                    "周一至周六 8:30-16:30",
                    List.of(new OpeningHours.Range(
                            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY),
                            LocalTime.of(8, 30),
                            LocalTime.of(16, 30)))));

    static final Room HT_TOWN = new Room("ht-town", "璜土镇议事室", "璜土镇", "", "", 40, "");

    static final List<Room> ROOMS = List.of(QY_TOWN, QY_LIZHUANG, HT_TOWN);

    static final Staff ADMIN = Staff.cityWide("admin");
    static final Staff QY_STAFF = new Staff("staff-qy", Place.town("青阳镇"), false);
    static final Staff LZ_STAFF = new Staff("staff-qy-lz", new Place("青阳镇", "里庄村"), false);
    static final Staff HT_STAFF = new Staff("staff-ht", Place.town("璜土镇"), false);

    static final Set<String> MEMBERS = Set.of("member-qy-01", "member-qy-02");

    static final IssueDetail LZ_LIGHTS = issue("QY-20261126-0001", "青阳镇", "里庄村", Topic.Level.VILLAGE);
    static final IssueDetail LZ_LAND = issue("QY-20261126-0002", "青阳镇", "里庄村", Topic.Level.TOWN);
    static final IssueDetail HT_DRAIN = issue("HT-20261126-0001", "璜土镇", "石庄村", Topic.Level.VILLAGE);
    static final IssueDetail QY_OTHER_VILLAGE = issue("QY-20261126-0003", "青阳镇", "新庄村", Topic.Level.VILLAGE);

    static final Map<String, IssueDetail> ISSUES = Map.of(
            LZ_LIGHTS.trackingNo(), LZ_LIGHTS,
            LZ_LAND.trackingNo(), LZ_LAND,
            HT_DRAIN.trackingNo(), HT_DRAIN,
            QY_OTHER_VILLAGE.trackingNo(), QY_OTHER_VILLAGE);

    private MeetingFixtures() {}

    static IssueDetail issue(String number, String town, String village, Topic.Level level) {
        return new IssueDetail(
                number,
                "标题",
                "内容",
                town,
                village,
                level,
                Topic.Status.RECEIVED,
                "other",
                false,
                0,
                CLOCK.instant(),
                "",
                List.of(),
                "",
                "");
    }

    static MeetingRules rules() {
        return new MeetingRules(new Access(ROOMS), MEMBERS::contains, CLOCK);
    }

    /** 2026-12-{day} from {@code from} to {@code to} ("HH:mm"), Jiangyin time. */
    static OffsetDateTime at(int day, String time) {
        return OffsetDateTime.of(2026, 12, day, 0, 0, 0, 0, ZoneOffset.ofHours(8))
                .with(LocalTime.parse(time));
    }

    static Meeting meeting(String room, int day, String from, String to, List<String> issues, List<String> invitees) {
        return new Meeting(null, room, "协商会", at(day, from), at(day, to), issues, invitees, false);
    }

    static Meeting meeting(String room, int day, String from, String to) {
        return meeting(room, day, from, to, List.of(), List.of());
    }
}
