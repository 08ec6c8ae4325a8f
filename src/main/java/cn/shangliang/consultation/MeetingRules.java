package cn.shangliang.consultation;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The meeting rules, each once, values in and {@link MeetingResult} out: the room must be known and in the staff
 * member's scope ({@link Access}); a new or moved meeting must not start in the past and must fit in the room's
 * opening hours; its invitees must be members; issues added must be ones the staff member may put on a meeting in
 * that room ({@link Access#issueOnMeeting}); it must not overlap another meeting of the room ({@link
 * Meeting#overlaps}). A change that keeps the room and times is not held to the clock or the hours again (a meeting
 * under way can still get an invitee), nor are issues and invitees already on it.
 */
public final class MeetingRules {

    private final Access access;
    private final Predicate<String> isMember;
    private final Clock clock;

    public MeetingRules(Access access, Predicate<String> isMember, Clock clock) {
        this.access = access;
        this.isMember = isMember;
        this.clock = clock;
    }

    /**
     * Plans a new meeting.
     *
     * @param roomMeetings the room's meetings around that time (at least those overlapping it)
     * @param issues the meeting's issues that exist, by tracking number
     */
    public MeetingResult book(Staff staff, Meeting draft, List<Meeting> roomMeetings, Map<String, IssueDetail> issues) {
        return check(staff, Optional.empty(), draft, roomMeetings, issues)
                .orElseGet(() -> new MeetingResult.Booked(draft, Optional.empty(), List.of()));
    }

    /** Plans a change of {@code before} into {@code after} (same id; the room may differ). */
    public MeetingResult change(
            Staff staff, Meeting before, Meeting after, List<Meeting> roomMeetings, Map<String, IssueDetail> issues) {
        if (before.cancelled()) {
            return new MeetingResult.NotFound(before.id());
        }
        if (!access.meeting(staff, before)) {
            return new MeetingResult.Forbidden(before.id());
        }
        return check(staff, Optional.of(before), after, roomMeetings, issues)
                .orElseGet(() -> new MeetingResult.Booked(after, Optional.of(before), List.of()));
    }

    /** Plans cancelling a meeting. */
    public MeetingResult cancel(Staff staff, Meeting meeting) {
        if (meeting.cancelled()) {
            return new MeetingResult.NotFound(meeting.id());
        }
        if (!access.meeting(staff, meeting)) {
            return new MeetingResult.Forbidden(meeting.id());
        }
        Meeting cancelled = new Meeting(
                meeting.id(),
                meeting.roomId(),
                meeting.title(),
                meeting.start(),
                meeting.end(),
                meeting.issues(),
                meeting.invitees(),
                true);
        return new MeetingResult.Booked(cancelled, Optional.of(meeting), List.of());
    }

    /**
     * Which outcomes may be recorded: the meeting is live and in scope, has issues, and every tracking number named is
     * one of its issues; {@code outcomes} maps numbers to outcomes, the empty key to the outcome of every other issue.
     * Returns the outcome per issue ({@link MeetingResult} refusals otherwise).
     */
    public Outcomes outcomes(Staff staff, Meeting meeting, Map<String, String> outcomes) {
        if (meeting.cancelled()) {
            return new Outcomes.Refused(new MeetingResult.NotFound(meeting.id()));
        }
        if (!access.meeting(staff, meeting)) {
            return new Outcomes.Refused(new MeetingResult.Forbidden(meeting.id()));
        }
        if (meeting.issues().isEmpty()) {
            return new Outcomes.Refused(new MeetingResult.Refused("meeting_has_no_issues", Map.of("id", meeting.id())));
        }
        List<String> foreign = outcomes.keySet().stream()
                .filter(n -> !n.isEmpty() && !meeting.issues().contains(n))
                .toList();
        if (!foreign.isEmpty()) {
            return new Outcomes.Refused(new MeetingResult.Refused(
                    "meeting_outcome_not_its_issue", Map.of("id", meeting.id(), "issues", String.join("、", foreign))));
        }
        String common = outcomes.getOrDefault("", "").strip();
        Map<String, String> each = new java.util.LinkedHashMap<>();
        for (String number : meeting.issues()) {
            String outcome = outcomes.getOrDefault(number, common).strip();
            if (!outcome.isEmpty()) {
                each.put(number, outcome);
            }
        }
        if (each.isEmpty()) {
            return new Outcomes.Refused(new MeetingResult.Refused("meeting_no_outcome", Map.of("id", meeting.id())));
        }
        return new Outcomes.Planned(each);
    }

    /** The outcomes to record, by tracking number, or why none may be. */
    public sealed interface Outcomes {
        record Planned(Map<String, String> outcomes) implements Outcomes {}

        record Refused(MeetingResult why) implements Outcomes {}
    }

    private Optional<MeetingResult> check(
            Staff staff,
            Optional<Meeting> before,
            Meeting after,
            List<Meeting> roomMeetings,
            Map<String, IssueDetail> issues) {
        Optional<Room> room = access.roomById(after.roomId());
        if (room.isEmpty()) {
            return Optional.of(new MeetingResult.Refused("meeting_unknown_room", Map.of("room", after.roomId())));
        }
        if (!access.room(staff, room.get())) {
            return Optional.of(new MeetingResult.Forbidden(
                    before.map(Meeting::id).orElse(room.get().id())));
        }
        boolean moved = before.map(b -> !b.roomId().equals(after.roomId())
                        || !b.start().toInstant().equals(after.start().toInstant())
                        || !b.end().toInstant().equals(after.end().toInstant()))
                .orElse(true);
        if (moved) {
            Optional<MeetingResult> when = when(room.get(), after);
            if (when.isPresent()) {
                return when;
            }
        }
        List<String> strangers = after.invitees().stream()
                .filter(id -> before.map(b -> !b.invitees().contains(id)).orElse(true))
                .filter(isMember.negate())
                .toList();
        if (!strangers.isEmpty()) {
            return Optional.of(
                    new MeetingResult.Refused("meeting_unknown_members", Map.of("names", String.join("、", strangers))));
        }
        Optional<MeetingResult> agenda = agenda(staff, room.get(), before, after, issues);
        if (agenda.isPresent()) {
            return agenda;
        }
        return roomMeetings.stream()
                .filter(other -> !other.id().equals(after.id()) && other.overlaps(after))
                .findFirst()
                .map(MeetingResult.Clash::new);
    }

    /** Not in the past, and within the room's opening hours (local times in the clock's zone). */
    private Optional<MeetingResult> when(Room room, Meeting meeting) {
        if (meeting.start().toInstant().isBefore(clock.instant())) {
            return Optional.of(new MeetingResult.Refused("meeting_in_past", Map.of()));
        }
        ZoneId zone = clock.getZone();
        LocalDateTime start = meeting.start().atZoneSameInstant(zone).toLocalDateTime();
        LocalDateTime end = meeting.end().atZoneSameInstant(zone).toLocalDateTime();
        if (!room.hours().covers(start, end)) {
            return Optional.of(new MeetingResult.Refused(
                    "meeting_room_closed",
                    Map.of("room", room.name(), "hours", room.hours().text())));
        }
        return Optional.empty();
    }

    /** Issues added must exist and be ones the staff member may put on a meeting of this room. */
    private Optional<MeetingResult> agenda(
            Staff staff, Room room, Optional<Meeting> before, Meeting after, Map<String, IssueDetail> issues) {
        List<String> unknown = new ArrayList<>();
        List<String> outside = new ArrayList<>();
        for (String number : after.issues()) {
            if (before.map(b -> b.issues().contains(number) && b.roomId().equals(after.roomId()))
                    .orElse(false)) {
                continue;
            }
            IssueDetail issue = issues.get(number);
            if (issue == null) {
                unknown.add(number);
            } else if (!access.issueOnMeeting(staff, room, issue)) {
                outside.add(number);
            }
        }
        if (!unknown.isEmpty()) {
            return Optional.of(
                    new MeetingResult.Refused("meeting_unknown_issues", Map.of("issues", String.join("、", unknown))));
        }
        if (!outside.isEmpty()) {
            return Optional.of(new MeetingResult.Refused(
                    "meeting_issues_out_of_scope", Map.of("issues", String.join("、", outside), "room", room.name())));
        }
        return Optional.empty();
    }
}
