package cn.shangliang.consultation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What staff do with meetings, the same by chat and by API: change a meeting (time, title, issues, invitees), and
 * record its outcomes, every issue in one step. Scope: the room must be within the staff member's town or village.
 * Scheduling an issue into a meeting moves it to {@code scheduled}; an outcome moves it to {@code consulted}; the
 * issue's reporter and supporters are told by the issue book, the invited members by the {@link MeetingListener}.
 */
public final class MeetingDesk {

    /** What became of a change. */
    public sealed interface Change {
        record Done(Meeting before, Meeting after, List<String> notScheduled) implements Change {}

        record NotFound(String id) implements Change {}

        record Forbidden(String id) implements Change {}

        record Clash(Meeting other) implements Change {}

        record Invalid(String reason) implements Change {}
    }

    /** The outcome of each issue, by tracking number ({@link Transition}), or why none was recorded. */
    public sealed interface Outcomes {
        record Recorded(Meeting meeting, Map<String, Transition> results) implements Outcomes {}

        record NotFound(String id) implements Outcomes {}

        record Forbidden(String id) implements Outcomes {}

        record Invalid(String reason) implements Outcomes {}
    }

    private final List<Room> rooms;
    private final MeetingBook meetings;
    private final IssueBook issues;
    private final MeetingListener listener;

    public MeetingDesk(List<Room> rooms, MeetingBook meetings, IssueBook issues, MeetingListener listener) {
        this.rooms = List.copyOf(rooms);
        this.meetings = meetings;
        this.issues = issues;
        this.listener = listener;
    }

    public Optional<Room> room(String id) {
        return rooms.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** Whether the meeting's room is known and within the staff member's town or village. */
    public boolean inScope(Staff staff, Meeting meeting) {
        return room(meeting.roomId()).filter(r -> staff.covers(r.place())).isPresent();
    }

    /**
     * Applies {@code edit} to a meeting that is not cancelled: the room (old and new) must be in the staff member's
     * scope and free at the new time. Issues added are scheduled; members added are invited, those removed are told,
     * the others hear of a new time, room or title.
     */
    public Change change(Staff staff, String id, UnaryOperator<Meeting> edit) {
        Optional<Meeting> found = meetings.get(id).filter(m -> !m.cancelled());
        if (found.isEmpty()) {
            return new Change.NotFound(id);
        }
        Meeting before = found.get();
        if (!inScope(staff, before)) {
            return new Change.Forbidden(id);
        }
        Meeting after;
        try {
            after = edit.apply(before);
        } catch (IllegalArgumentException e) {
            return new Change.Invalid(e.getMessage());
        }
        if (room(after.roomId()).isEmpty()) {
            return new Change.Invalid("unknown room " + after.roomId());
        }
        if (!inScope(staff, after)) {
            return new Change.Forbidden(id);
        }
        return switch (meetings.update(after)) {
            case MeetingBook.Booking.Clash c -> new Change.Clash(c.other());
            case MeetingBook.Booking.Booked b -> {
                List<String> notScheduled = schedule(staff, b.meeting());
                listener.changed(before, b.meeting());
                yield new Change.Done(before, b.meeting(), notScheduled);
            }
        };
    }

    /**
     * Moves the meeting's issues that are received or accepted to {@code scheduled}; returns those that could not be
     * (unknown, out of scope, or closed). Issues already further along stay as they are.
     */
    public List<String> schedule(Staff staff, Meeting meeting) {
        List<String> failed = new ArrayList<>();
        for (String number : meeting.issues()) {
            Optional<IssueDetail> issue = issues.detail(number);
            if (issue.isEmpty()) {
                failed.add(number);
                continue;
            }
            Topic.Status status = issue.get().status();
            if (status == Topic.Status.RECEIVED || status == Topic.Status.ACCEPTED) {
                Transition t = issues.transition(
                        "meeting:" + meeting.id() + ":" + number,
                        staff,
                        number,
                        new IssueAction.Schedule(meeting.title() + " " + meeting.start()));
                if (!(t instanceof Transition.Done)) {
                    failed.add(number);
                }
            }
        }
        return failed;
    }

    /**
     * Records the outcome of the meeting's issues in one step: {@code outcomes} maps tracking numbers to their
     * outcome; an empty key gives the outcome of every issue not named. Only the meeting's own issues are accepted.
     * Each issue moves to {@code consulted} on its own (one refused transition does not stop the others); a repeat of
     * the same request changes nothing ({@code requestKey} makes it idempotent).
     */
    public Outcomes record(String requestKey, Staff staff, String id, Map<String, String> outcomes) {
        Optional<Meeting> found = meetings.get(id).filter(m -> !m.cancelled());
        if (found.isEmpty()) {
            return new Outcomes.NotFound(id);
        }
        Meeting meeting = found.get();
        if (!inScope(staff, meeting)) {
            return new Outcomes.Forbidden(id);
        }
        if (meeting.issues().isEmpty()) {
            return new Outcomes.Invalid("meeting " + id + " has no issues");
        }
        for (String number : outcomes.keySet()) {
            if (!number.isEmpty() && !meeting.issues().contains(number)) {
                return new Outcomes.Invalid(number + " is not an issue of meeting " + id);
            }
        }
        String common = outcomes.getOrDefault("", "").strip();
        Map<String, Transition> results = new LinkedHashMap<>();
        for (String number : meeting.issues()) {
            String outcome = outcomes.getOrDefault(number, common).strip();
            if (outcome.isEmpty()) {
                continue;
            }
            results.put(
                    number,
                    issues.transition(
                            requestKey + ":" + number, staff, number, new IssueAction.RecordOutcome(outcome)));
        }
        if (results.isEmpty()) {
            return new Outcomes.Invalid("no outcome given");
        }
        return new Outcomes.Recorded(meeting, results);
    }
}
