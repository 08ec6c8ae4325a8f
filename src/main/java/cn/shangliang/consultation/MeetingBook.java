package cn.shangliang.consultation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Persistence of meetings, per room: no rules here ({@link MeetingRules} plans, this stores). Every write is a
 * {@link Change} planned against the room's {@link #version} and applied only if the room is still at that version
 * (compare-and-set; else {@link Applied.Stale} and the caller plans again), and once per request key: a repeat of a
 * key returns what the first one did. A new meeting's id ({@code <room id>.<n>}) is taken when it is applied, so ids
 * have no gaps. Every applied change writes, in the same step, an {@link Effect.MeetingChanged} (the meeting before and
 * after) to the room's {@link Outbox}, so that its members are told even when the process dies right after; the
 * second half of a {@link Change.Move} (cancelling the old meeting) writes none: the move is one change.
 */
public interface MeetingBook extends Outbox {

    /** A planned write. */
    sealed interface Change {
        /** A new meeting; its id is ignored and assigned on apply. */
        record Create(Meeting meeting) implements Change {}

        /** Replaces a meeting of the same room. */
        record Update(Meeting meeting) implements Change {}

        /** Marks the meeting cancelled and frees its time. */
        record Cancel(Meeting meeting) implements Change {}

        /** Moves {@code before} to another room: {@code after} is created there (a new id), {@code before} cancelled. */
        record Move(Meeting before, Meeting after) implements Change {}

        default String roomId() {
            return switch (this) {
                case Create c -> c.meeting().roomId();
                case Update u -> u.meeting().roomId();
                case Cancel c -> c.meeting().roomId();
                case Move m -> m.after().roomId();
            };
        }
    }

    /** The outcome of {@link #apply}. */
    sealed interface Applied {
        /** Stored; {@code repeat} when the request key had been applied before (nothing changed now). */
        record Done(Meeting meeting, boolean repeat) implements Applied {}

        /** The room changed since {@code expectedVersion}: nothing was written. */
        record Stale() implements Applied {}
    }

    /** The room's version: it grows with every change applied to the room's meetings. */
    long version(String roomId);

    /** Applies {@code change} if the room (of the new state) is still at {@code expectedVersion}. */
    Applied apply(String requestKey, Change change, long expectedVersion);

    /** The meeting a request key applied in this room, if it was applied. */
    Optional<Meeting> applied(String roomId, String requestKey);

    Optional<Meeting> get(String id);

    /** Records a member's answer to the invitation ({@code true} attends); {@code note} is the reason for leave. */
    void answer(String meetingId, String memberId, boolean attends, String note);

    /** Member id → "attend" or "leave: reason". */
    Map<String, String> attendance(String meetingId);

    /** A room's meetings that end after {@code from} and start before {@code to}, in time order, not cancelled. */
    List<Meeting> schedule(String roomId, Instant from, Instant to);

    /** The room id of a meeting id ({@code <room id>.<n>}), or empty when it is not one. */
    static Optional<String> roomOf(String meetingId) {
        int dot = meetingId == null ? -1 : meetingId.lastIndexOf('.');
        return dot < 1 ? Optional.empty() : Optional.of(meetingId.substring(0, dot));
    }
}
