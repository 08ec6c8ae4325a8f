package cn.shangliang.dialogue;

import cn.shangliang.consultation.Meeting;
import cn.shangliang.consultation.MeetingBook;
import cn.shangliang.consultation.Place;
import cn.shangliang.consultation.Room;
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
                    "utter_schedule_closed", language, Map.of("room", names(here), "when", when, "hours", hours(here)));
        }
        if (open.stream().allMatch(r -> r.hours().alwaysOpen())) {
            return responses.render("utter_schedule_free", language, Map.of("room", names(open), "when", when));
        }
        return responses.render(
                "utter_schedule_free_hours", language, Map.of("room", names(open), "when", when, "hours", hours(open)));
    }

    private static String names(List<Room> rooms) {
        return String.join("、", rooms.stream().map(Room::name).toList());
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
        String room = rooms.stream()
                .filter(r -> r.id().equals(m.roomId()))
                .map(Room::name)
                .findFirst()
                .orElse(m.roomId());
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

    /**
     * Records a member's answer (参加 / 请假) for their next meeting and returns the reply; a reason given after the
     * leave word is kept for staff.
     */
    String answer(Optional<String> memberId, boolean attends, String text, String language) {
        if (memberId.isEmpty()) {
            return responses.render("utter_my_meetings_not_member", language, Map.of());
        }
        java.time.Instant now = clock.instant();
        Optional<Meeting> next = rooms.stream()
                .flatMap(r -> meetings.schedule(r.id(), now, now.plusSeconds(60L * 24 * 3600)).stream())
                .filter(m -> m.invitees().contains(memberId.get())
                        && m.start().toInstant().isAfter(now))
                .min(Comparator.comparing(Meeting::start));
        if (next.isEmpty()) {
            return responses.render("utter_my_meetings_none", language, Map.of());
        }
        meetings.answer(next.get().id(), memberId.get(), attends, attends ? "" : text.strip());
        ZonedDateTime start = next.get().start().atZoneSameInstant(clock.getZone());
        return responses.render(
                attends ? "utter_rsvp_accepted" : "utter_rsvp_declined",
                language,
                Map.of(
                        "title", next.get().title(),
                        "month", Integer.toString(start.getMonthValue()),
                        "day", Integer.toString(start.getDayOfMonth()),
                        "start", HOUR.format(start)));
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
