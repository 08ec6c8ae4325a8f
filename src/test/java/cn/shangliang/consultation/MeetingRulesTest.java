package cn.shangliang.consultation;

import static cn.shangliang.consultation.MeetingFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each meeting rule, without Redis, on a fixed clock (Tuesday 1 December 2026, 09:00). */
class MeetingRulesTest {

    private final MeetingRules rules = rules();

    private MeetingResult book(Staff staff, Meeting draft, List<Meeting> others) {
        return rules.book(staff, draft, others, ISSUES);
    }

    private static Meeting stored(Meeting m, String id) {
        return new Meeting(id, m.roomId(), m.title(), m.start(), m.end(), m.issues(), m.invitees(), false);
    }

    @Test
    void book_withinHoursInScope_isPlanned() {
        Meeting draft = meeting("qy-town", 2, "09:00", "11:00");
        assertThat(book(QY_STAFF, draft, List.of()))
                .isEqualTo(new MeetingResult.Booked(draft, java.util.Optional.empty(), List.of()));
    }

    @Test
    void book_inThePast_isRefused() {
        assertThat(book(ADMIN, meeting("qy-town", 1, "08:30", "10:00"), List.of()))
                .isEqualTo(new MeetingResult.Refused("meeting_in_past", Map.of()));
        assertThat(book(ADMIN, meeting("qy-town", 1, "09:00", "10:00"), List.of()))
                .isInstanceOf(MeetingResult.Booked.class);
    }

    @Test
    void book_atNight_isRefusedAsClosed() {
        assertThat(book(ADMIN, meeting("qy-town", 2, "03:00", "04:00"), List.of()))
                .isEqualTo(new MeetingResult.Refused(
                        "meeting_room_closed",
                        Map.of("room", "青阳镇议事室", "hours", QY_TOWN.hours().text())));
    }

    @Test
    void book_overTheLunchBreak_isRefused_eachRangeIsFine() {
        assertThat(book(ADMIN, meeting("qy-town", 2, "11:00", "14:00"), List.of()))
                .isInstanceOf(MeetingResult.Refused.class);
        assertThat(book(ADMIN, meeting("qy-town", 2, "08:30", "12:00"), List.of()))
                .isInstanceOf(MeetingResult.Booked.class);
        assertThat(book(ADMIN, meeting("qy-town", 2, "13:30", "17:00"), List.of()))
                .isInstanceOf(MeetingResult.Booked.class);
    }

    @Test
    void book_onAClosedDay_isRefused_openSaturdayRoomIsFine() {
        assertThat(book(ADMIN, meeting("qy-town", 5, "09:00", "10:00"), List.of()))
                .isInstanceOf(MeetingResult.Refused.class);
        assertThat(book(ADMIN, meeting("qy-lizhuang", 5, "09:00", "10:00"), List.of()))
                .isInstanceOf(MeetingResult.Booked.class);
        assertThat(book(ADMIN, meeting("qy-lizhuang", 6, "09:00", "10:00"), List.of()))
                .isInstanceOf(MeetingResult.Refused.class);
    }

    @Test
    void book_roomWithoutHours_isAlwaysOpen() {
        assertThat(book(ADMIN, meeting("ht-town", 6, "03:00", "04:00"), List.of()))
                .isInstanceOf(MeetingResult.Booked.class);
    }

    @Test
    void book_overlapping_isAClashNamingTheOther_adjacentIsFine() {
        Meeting other = stored(meeting("qy-town", 2, "09:00", "10:00"), "qy-town.1");
        assertThat(book(ADMIN, meeting("qy-town", 2, "09:30", "10:30"), List.of(other)))
                .isEqualTo(new MeetingResult.Clash(other));
        assertThat(book(ADMIN, meeting("qy-town", 2, "10:00", "11:00"), List.of(other)))
                .isInstanceOf(MeetingResult.Booked.class);
    }

    @Test
    void book_unknownRoom_isRefused() {
        assertThat(book(ADMIN, meeting("no-room", 2, "09:00", "10:00"), List.of()))
                .isEqualTo(new MeetingResult.Refused("meeting_unknown_room", Map.of("room", "no-room")));
    }

    @Test
    void book_roomOfAnotherTownOrVillage_isForbidden() {
        assertThat(book(LZ_STAFF, meeting("ht-town", 2, "09:00", "10:00"), List.of()))
                .isEqualTo(new MeetingResult.Forbidden("ht-town"));
        assertThat(book(LZ_STAFF, meeting("qy-town", 2, "09:00", "10:00"), List.of()))
                .isEqualTo(new MeetingResult.Forbidden("qy-town"));
        assertThat(book(LZ_STAFF, meeting("qy-lizhuang", 2, "09:00", "10:00"), List.of()))
                .isInstanceOf(MeetingResult.Booked.class);
    }

    @Test
    void book_unknownMember_isRefused() {
        assertThat(book(
                        ADMIN,
                        meeting("qy-town", 2, "09:00", "10:00", List.of(), List.of("member-qy-01", "nobody")),
                        List.of()))
                .isEqualTo(new MeetingResult.Refused("meeting_unknown_members", Map.of("names", "nobody")));
    }

    @Test
    void book_issueOfAnotherTown_onAVillageMeeting_isRefused() {
        MeetingResult result = book(
                LZ_STAFF,
                meeting("qy-lizhuang", 2, "09:00", "10:00", List.of(HT_DRAIN.trackingNo()), List.of()),
                List.of());
        assertThat(result)
                .isEqualTo(new MeetingResult.Refused(
                        "meeting_issues_out_of_scope", Map.of("issues", HT_DRAIN.trackingNo(), "room", "里庄村议事室")));
    }

    @Test
    void book_evenForTheAdmin_issueMustBelongWhereTheRoomIs() {
        assertThat(book(
                        ADMIN,
                        meeting("qy-lizhuang", 2, "09:00", "10:00", List.of(LZ_LAND.trackingNo()), List.of()),
                        List.of()))
                .as("a town-level issue does not go on a village meeting")
                .isInstanceOf(MeetingResult.Refused.class);
        assertThat(book(
                        ADMIN,
                        meeting("qy-lizhuang", 2, "09:00", "10:00", List.of(QY_OTHER_VILLAGE.trackingNo()), List.of()),
                        List.of()))
                .as("another village's issue does not go on this village's meeting")
                .isInstanceOf(MeetingResult.Refused.class);
        assertThat(book(
                        ADMIN,
                        meeting(
                                "qy-town",
                                2,
                                "09:00",
                                "10:00",
                                List.of(LZ_LIGHTS.trackingNo(), LZ_LAND.trackingNo()),
                                List.of()),
                        List.of()))
                .as("a town room takes any issue of its town")
                .isInstanceOf(MeetingResult.Booked.class);
        assertThat(book(
                        ADMIN,
                        meeting("qy-town", 2, "09:00", "10:00", List.of(HT_DRAIN.trackingNo()), List.of()),
                        List.of()))
                .isInstanceOf(MeetingResult.Refused.class);
    }

    @Test
    void book_unknownIssue_isRefused() {
        assertThat(book(
                        ADMIN,
                        meeting("qy-town", 2, "09:00", "10:00", List.of("QY-20261126-0999"), List.of()),
                        List.of()))
                .isEqualTo(new MeetingResult.Refused("meeting_unknown_issues", Map.of("issues", "QY-20261126-0999")));
    }

    @Test
    void change_sameTimes_isNotHeldToTheClockAgain() {
        Meeting begun =
                new Meeting("qy-town.1", "qy-town", "会", at(1, "08:30"), at(1, "10:00"), List.of(), List.of(), false);
        Meeting invited = new Meeting(
                begun.id(),
                begun.roomId(),
                begun.title(),
                begun.start(),
                begun.end(),
                List.of(),
                List.of("member-qy-01"),
                false);
        assertThat(rules.change(ADMIN, begun, invited, List.of(begun), ISSUES))
                .isInstanceOf(MeetingResult.Booked.class);
    }

    @Test
    void change_toANightTime_isRefused_andTheOwnSlotIsNoClash() {
        Meeting before = stored(meeting("qy-town", 2, "09:00", "10:00"), "qy-town.1");
        Meeting later =
                new Meeting(before.id(), "qy-town", "会", at(2, "09:30"), at(2, "10:30"), List.of(), List.of(), false);
        assertThat(rules.change(ADMIN, before, later, List.of(before), ISSUES))
                .isInstanceOf(MeetingResult.Booked.class);
        Meeting night =
                new Meeting(before.id(), "qy-town", "会", at(2, "20:00"), at(2, "21:00"), List.of(), List.of(), false);
        assertThat(rules.change(ADMIN, before, night, List.of(before), ISSUES))
                .isInstanceOf(MeetingResult.Refused.class);
    }

    @Test
    void change_meetingOfAnotherTown_isForbidden_cancelledIsNotFound() {
        Meeting ht = stored(meeting("ht-town", 2, "09:00", "10:00"), "ht-town.1");
        assertThat(rules.change(LZ_STAFF, ht, ht, List.of(ht), ISSUES))
                .isEqualTo(new MeetingResult.Forbidden("ht-town.1"));
        Meeting cancelled =
                new Meeting("ht-town.2", "ht-town", "", at(2, "09:00"), at(2, "10:00"), List.of(), List.of(), true);
        assertThat(rules.change(ADMIN, cancelled, cancelled, List.of(), ISSUES))
                .isEqualTo(new MeetingResult.NotFound("ht-town.2"));
    }

    @Test
    void change_movingIntoARoomOutOfScope_isForbidden() {
        Meeting own = stored(meeting("qy-lizhuang", 2, "09:00", "10:00"), "qy-lizhuang.1");
        Meeting moved = new Meeting(own.id(), "qy-town", "", own.start(), own.end(), List.of(), List.of(), false);
        assertThat(rules.change(LZ_STAFF, own, moved, List.of(), ISSUES)).isInstanceOf(MeetingResult.Forbidden.class);
    }

    @Test
    void cancel_inScope_marksCancelled_outOfScope_isForbidden() {
        Meeting ht = stored(meeting("ht-town", 2, "09:00", "10:00"), "ht-town.1");
        assertThat(rules.cancel(LZ_STAFF, ht)).isEqualTo(new MeetingResult.Forbidden("ht-town.1"));
        assertThat(rules.cancel(HT_STAFF, ht))
                .isInstanceOfSatisfying(
                        MeetingResult.Booked.class,
                        b -> assertThat(b.meeting().cancelled()).isTrue());
    }

    @Test
    void outcomes_onlyTheMeetingsOwnIssues_andInScope() {
        Meeting m = new Meeting(
                "qy-town.1",
                "qy-town",
                "",
                at(2, "09:00"),
                at(2, "10:00"),
                List.of(LZ_LIGHTS.trackingNo()),
                List.of(),
                false);
        assertThat(rules.outcomes(QY_STAFF, m, Map.of("", "同意")))
                .isEqualTo(new MeetingRules.Outcomes.Planned(Map.of(LZ_LIGHTS.trackingNo(), "同意")));
        assertThat(rules.outcomes(QY_STAFF, m, Map.of(HT_DRAIN.trackingNo(), "同意")))
                .isInstanceOf(MeetingRules.Outcomes.Refused.class);
        assertThat(rules.outcomes(HT_STAFF, m, Map.of("", "同意")))
                .isEqualTo(new MeetingRules.Outcomes.Refused(new MeetingResult.Forbidden("qy-town.1")));
    }
}
