package cn.shangliang.dialogue;

import cn.shangliang.consultation.Meeting;
import cn.shangliang.consultation.MeetingBook;
import cn.shangliang.consultation.Place;
import cn.shangliang.consultation.Room;
import cn.shangliang.dialogue.entities.ChineseDates;
import cn.shangliang.dialogue.entities.DateSpan;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers "what is on in the room" questions: the rooms of the place asked about (a village's own room, else its
 * town's), the meetings in the days asked about (default: the next seven days), or that the room is free.
 */
public final class RoomSchedules {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");

    private final List<Room> rooms;
    private final MeetingBook meetings;
    private final Responses responses;
    private final Clock clock;

    public RoomSchedules(List<Room> rooms, MeetingBook meetings, Responses responses, Clock clock) {
        this.rooms = List.copyOf(rooms);
        this.meetings = meetings;
        this.responses = responses;
        this.clock = clock;
    }

    public static RoomSchedules none(Responses responses, Clock clock) {
        return new RoomSchedules(List.of(), null, responses, clock);
    }

    /** The reply to a schedule question about {@code place} (empty when unknown) and {@code span}. */
    String answer(Optional<Place> place, Optional<DateSpan> span, String language) {
        if (place.isEmpty()) {
            return responses.render("utter_schedule_need_place", language, Map.of());
        }
        List<Room> here = roomsOf(place.get());
        if (here.isEmpty()) {
            return responses.render(
                    "utter_schedule_no_room",
                    language,
                    Map.of("place", place.get().toString()));
        }
        LocalDate today = LocalDate.now(clock);
        DateSpan days = span.orElse(new DateSpan(today, today.plusDays(6), Optional.empty(), Optional.empty()));
        ZonedDateTime from = days.from()
                .atTime(days.part().map(p -> p.from()).orElse(LocalTime.MIN))
                .atZone(clock.getZone());
        ZonedDateTime to = days.to()
                .atTime(days.part().map(p -> p.to()).orElse(LocalTime.MAX))
                .atZone(clock.getZone());
        List<Meeting> all = new ArrayList<>();
        for (Room room : here) {
            all.addAll(meetings.schedule(room.id(), from.toInstant(), to.toInstant()));
        }
        String when = responses.render(
                days.singleDay() ? "format_day" : "format_days",
                language,
                Map.of(
                        "month", Integer.toString(days.from().getMonthValue()),
                        "day", Integer.toString(days.from().getDayOfMonth()),
                        "to_month", Integer.toString(days.to().getMonthValue()),
                        "to_day", Integer.toString(days.to().getDayOfMonth())));
        if (all.isEmpty()) {
            return nothingBooked(here, days, when, language);
        }
        all.sort(Comparator.comparing(Meeting::start));
        List<String> lines = all.stream().map(m -> line(m, language)).toList();
        return responses.render("utter_schedule", language, Map.of("when", when, "list", String.join("\n", lines)));
    }

    /**
     * No meeting in the days asked about: on a single day when every room is closed (by its opening hours) in the
     * part of the day asked about, say it is closed; else free, with the opening hours of rooms that have them.
     */
    private String nothingBooked(List<Room> here, DateSpan days, String when, String language) {
        LocalTime from = days.part().map(p -> p.from()).orElse(LocalTime.MIN);
        LocalTime to = days.part().map(p -> p.to()).orElse(LocalTime.MAX);
        List<Room> open = days.singleDay()
                ? here.stream()
                        .filter(r -> r.hours().openDuring(days.from(), from, to))
                        .toList()
                : here;
        if (open.isEmpty()) {
            return responses.render(
                    "utter_schedule_closed",
                    language,
                    Map.of("room", names(here, language), "when", when, "hours", hours(here)));
        }
        if (open.stream().allMatch(r -> r.hours().alwaysOpen())) {
            return responses.render(
                    "utter_schedule_free", language, Map.of("room", names(open, language), "when", when));
        }
        return responses.render(
                "utter_schedule_free_hours",
                language,
                Map.of("room", names(open, language), "when", when, "hours", hours(open)));
    }

    private String names(List<Room> rooms, String language) {
        return String.join(
                "、", rooms.stream().map(r -> roomText(r.id(), language)).toList());
    }

    /** The display text of the rooms' opening hours (each distinct text once). */
    private static String hours(List<Room> rooms) {
        return String.join(
                "；",
                rooms.stream()
                        .map(r -> r.hours().text())
                        .filter(t -> !t.isBlank())
                        .distinct()
                        .toList());
    }

    /** The meetings of the next 60 days to which member {@code memberId} is invited, in time order. */
    String mine(Optional<String> memberId, String language) {
        if (memberId.isEmpty()) {
            return responses.render("utter_my_meetings_not_member", language, Map.of());
        }
        java.time.Instant now = clock.instant();
        List<String> lines = rooms.stream()
                .flatMap(r -> meetings.schedule(r.id(), now, now.plusSeconds(60L * 24 * 3600)).stream())
                .filter(m -> m.invitees().contains(memberId.get()))
                .sorted(Comparator.comparing(Meeting::start))
                .map(m -> line(m, language))
                .toList();
        return lines.isEmpty()
                ? responses.render("utter_my_meetings_none", language, Map.of())
                : responses.render("utter_my_meetings", language, Map.of("list", String.join("\n", lines)));
    }

    /** One meeting as a line of a list: date, time, title, room. */
    private String line(Meeting m, String language) {
        ZonedDateTime start = m.start().atZoneSameInstant(clock.getZone());
        ZonedDateTime end = m.end().atZoneSameInstant(clock.getZone());
        String room = roomText(m.roomId(), language);
        return responses.render(
                "format_meeting_line",
                language,
                Map.of(
                        "month", Integer.toString(start.getMonthValue()),
                        "day", Integer.toString(start.getDayOfMonth()),
                        "start", HOUR.format(start),
                        "end", HOUR.format(end),
                        "title", m.title(),
                        "room", room));
    }

    /** What a member's 参加 / 请假 came to: recorded, or a question which of several meetings they mean. */
    sealed interface Rsvp {
        String reply();

        record Done(String reply) implements Rsvp {}

        /** Several invitations fit: {@code meetingIds} are listed in the reply, 1-based. */
        record Ask(String reply, List<String> meetingIds) implements Rsvp {}
    }

    /**
     * Records a member's answer (参加 / 请假) for the meeting the message points at — by date, part of the day or title —
     * else for their one unanswered invitation; with several and no clue, asks which. A reason given with a leave is
     * kept for staff. An answer never lands on a meeting the message did not point at when others are waiting.
     */
    Rsvp answer(Optional<String> memberId, boolean attends, String text, String language) {
        if (memberId.isEmpty()) {
            return new Rsvp.Done(responses.render("utter_my_meetings_not_member", language, Map.of()));
        }
        List<Meeting> invited = upcoming(memberId.get());
        if (invited.isEmpty()) {
            return new Rsvp.Done(responses.render("utter_my_meetings_none", language, Map.of()));
        }
        List<Meeting> pointed = pointedAt(invited, text);
        List<Meeting> candidates;
        if (!pointed.isEmpty()) {
            candidates = pointed;
        } else if (invited.size() == 1) {
            candidates = invited;
        } else {
            List<Meeting> open = invited.stream()
                    .filter(m -> !meetings.attendance(m.id()).containsKey(memberId.get()))
                    .toList();
            candidates = open.isEmpty() ? invited : open;
        }
        if (candidates.size() == 1) {
            return new Rsvp.Done(record(memberId.get(), attends, text, candidates.get(0), language));
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            lines.add((i + 1) + ". " + line(candidates.get(i), language));
        }
        return new Rsvp.Ask(
                responses.render(
                        attends ? "utter_rsvp_which_accept" : "utter_rsvp_which_decline",
                        language,
                        Map.of("list", String.join("\n", lines))),
                candidates.stream().map(Meeting::id).toList());
    }

    /** The answer to "which meeting?": {@code meetingId} was chosen from the list. */
    String answerChosen(String memberId, boolean attends, String reason, String meetingId, String language) {
        Optional<Meeting> meeting = upcoming(memberId).stream()
                .filter(m -> m.id().equals(meetingId))
                .findFirst();
        return meeting.map(m -> record(memberId, attends, reason, m, language))
                .orElseGet(() -> responses.render("utter_my_meetings_none", language, Map.of()));
    }

    private String record(String memberId, boolean attends, String text, Meeting meeting, String language) {
        meetings.answer(meeting.id(), memberId, attends, attends ? "" : text.strip());
        ZonedDateTime start = meeting.start().atZoneSameInstant(clock.getZone());
        return responses.render(
                attends ? "utter_rsvp_accepted" : "utter_rsvp_declined",
                language,
                Map.of(
                        "title", meeting.title(),
                        "month", Integer.toString(start.getMonthValue()),
                        "day", Integer.toString(start.getDayOfMonth()),
                        "start", HOUR.format(start),
                        "room", roomText(meeting.roomId(), language)));
    }

    /** The member's invitations of the next 60 days that have not begun, in time order. */
    private List<Meeting> upcoming(String memberId) {
        java.time.Instant now = clock.instant();
        return rooms.stream()
                .flatMap(r -> meetings.schedule(r.id(), now, now.plusSeconds(60L * 24 * 3600)).stream())
                .filter(m ->
                        m.invitees().contains(memberId) && m.start().toInstant().isAfter(now))
                .sorted(Comparator.comparing(Meeting::start))
                .toList();
    }

    /** The meetings the text points at by date (and part of the day, or clock time) or by title; empty: no clue. */
    private List<Meeting> pointedAt(List<Meeting> invited, String text) {
        Optional<DateSpan> span = ChineseDates.find(text, LocalDate.now(clock));
        List<Meeting> byTitle =
                invited.stream().filter(m -> titleNamed(m.title(), text)).toList();
        if (span.isEmpty()) {
            return byTitle;
        }
        List<Meeting> byDate =
                invited.stream().filter(m -> within(m, span.get())).toList();
        List<Meeting> both = byDate.stream().filter(byTitle::contains).toList();
        return both.isEmpty() ? byDate : both;
    }

    private boolean within(Meeting m, DateSpan span) {
        ZonedDateTime start = m.start().atZoneSameInstant(clock.getZone());
        LocalDate day = start.toLocalDate();
        if (day.isBefore(span.from()) || day.isAfter(span.to())) {
            return false;
        }
        LocalTime at = start.toLocalTime();
        LocalTime until = m.end().atZoneSameInstant(clock.getZone()).toLocalTime();
        if (span.part().isPresent()) {
            return at.isBefore(span.part().get().to())
                    && until.isAfter(span.part().get().from());
        }
        return span.time()
                .map(t -> !t.isBefore(at) && t.isBefore(until) || t.equals(at))
                .orElse(true);
    }

    /** The title, or its distinctive part (without 协商会, 会议 …), appears in the text. */
    private static boolean titleNamed(String title, String text) {
        if (title.isBlank()) {
            return false;
        }
        if (text.contains(title)) {
            return true;
        }
        String core = title.replaceAll("(专题)?(协商会|议事会|座谈会|听证会|恳谈会|会议|会)$", "");
        return core.codePointCount(0, core.length()) >= 2 && text.contains(core);
    }

    /** A room's name with its address, for people who need to find it. */
    private String roomText(String roomId, String language) {
        Optional<Room> room = rooms.stream().filter(r -> r.id().equals(roomId)).findFirst();
        if (room.isEmpty()) {
            return roomId;
        }
        return room.get().address().isBlank()
                ? room.get().name()
                : responses.render(
                        "format_room_address",
                        language,
                        Map.of("room", room.get().name(), "address", room.get().address()));
    }

    /** A village's own rooms, else its town's rooms. */
    private List<Room> roomsOf(Place place) {
        List<Room> exact = rooms.stream().filter(r -> r.place().equals(place)).toList();
        if (!exact.isEmpty() || place.isTownOnly()) {
            return exact;
        }
        return rooms.stream()
                .filter(r -> r.place().equals(Place.town(place.town())))
                .toList();
    }
}
