package cn.shangliang.consultation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Meetings of the consultation rooms. A room holds one meeting at a time: a clash is refused, naming the other. */
public interface MeetingBook {

    /** The outcome of creating or changing a meeting. */
    sealed interface Booking {
        record Booked(Meeting meeting) implements Booking {}

        record Clash(Meeting other) implements Booking {}
    }

    Booking create(Meeting meeting);

    /** Replaces the meeting's room, title, times, issues and invitees. */
    Booking update(Meeting meeting);

    Optional<Meeting> get(String id);

    /** Marks it cancelled; returns the cancelled meeting, or empty when there is none. */
    Optional<Meeting> cancel(String id);

    /** Records a member's answer to the invitation ({@code true} attends); {@code note} is the reason for leave. */
    void answer(String meetingId, String memberId, boolean attends, String note);

    /** Member id → "attend" or "leave: reason". */
    java.util.Map<String, String> attendance(String meetingId);

    /** A room's meetings that end after {@code from} and start before {@code to}, in time order, not cancelled. */
    List<Meeting> schedule(String roomId, Instant from, Instant to);
}
