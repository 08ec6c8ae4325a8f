package cn.shangliang.consultation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The one meeting workflow, for chat and API alike: load the room, plan with {@link MeetingRules}, apply with
 * compare-and-set ({@link MeetingBook}; a stale plan is made again), then put the meeting's new issues on
 * {@code scheduled} and tell the members ({@link MeetingListener}). Every write carries a request key: a repeat
 * returns the first result and tells nobody again. Reads ask {@link Access} too.
 */
public final class MeetingDesk {

    private static final int ATTEMPTS = 8;

    /** The outcome of each issue, by tracking number ({@link Transition}), or why none was recorded. */
    public sealed interface Outcomes {
        record Recorded(Meeting meeting, Map<String, Transition> results) implements Outcomes {}

        record Refused(MeetingResult why) implements Outcomes {}
    }

    private final List<Room> rooms;
    private final Access access;
    private final MeetingRules rules;
    private final MeetingBook meetings;
    private final IssueBook issues;
    private final java.util.function.Consumer<String> applied;
    private final Function<Meeting, String> scheduleNote;

    /**
     * @param applied told the room id after every applied change, to deliver the room's outbox now
     * @param scheduleNote the note of an issue's move to scheduled: the meeting's date, time and room (e.g. "12月7日
     *     10:00 青阳镇议事室"), rendered by the caller from the catalogue
     */
    public MeetingDesk(
            List<Room> rooms,
            Access access,
            MeetingRules rules,
            MeetingBook meetings,
            IssueBook issues,
            java.util.function.Consumer<String> applied,
            Function<Meeting, String> scheduleNote) {
        this.rooms = List.copyOf(rooms);
        this.access = access;
        this.rules = rules;
        this.meetings = meetings;
        this.issues = issues;
        this.applied = applied;
        this.scheduleNote = scheduleNote;
    }

    public Optional<Room> room(String id) {
        return access.roomById(id);
    }

    /** The rooms the staff member may see, in the configured order. */
    public List<Room> rooms(Staff staff) {
        return access.rooms(staff, rooms);
    }

    public Lookup<Room> room(Staff staff, String id) {
        Optional<Room> room = access.roomById(id);
        if (room.isEmpty()) {
            return new Lookup.NotFound<>(id);
        }
        return access.room(staff, room.get()) ? new Lookup.Found<>(room.get()) : new Lookup.Forbidden<>(id);
    }

    /** A meeting (cancelled ones too) if the staff member may see it. */
    public Lookup<Meeting> meeting(Staff staff, String id) {
        Optional<Meeting> meeting = meetings.get(id);
        if (meeting.isEmpty()) {
            return new Lookup.NotFound<>(id);
        }
        return access.meeting(staff, meeting.get()) ? new Lookup.Found<>(meeting.get()) : new Lookup.Forbidden<>(id);
    }

    /** The room's meetings between {@code from} and {@code to} if the staff member may see the room. */
    public Lookup<List<Meeting>> schedule(Staff staff, String roomId, Instant from, Instant to) {
        return switch (room(staff, roomId)) {
            case Lookup.Found<Room> f -> new Lookup.Found<>(meetings.schedule(roomId, from, to));
            case Lookup.NotFound<Room> n -> new Lookup.NotFound<>(roomId);
            case Lookup.Forbidden<Room> f -> new Lookup.Forbidden<>(roomId);
        };
    }

    /** Member id → "attend" or "leave: reason", for a meeting the caller has already been allowed to see. */
    public Map<String, String> attendance(Meeting meeting) {
        return meetings.attendance(meeting.id());
    }

    /** Books a new meeting ({@code draft.id()} is ignored). */
    public MeetingResult book(String requestKey, Staff staff, Meeting draft) {
        Optional<Meeting> repeat = room(draft.roomId()).flatMap(r -> meetings.applied(r.id(), requestKey));
        if (repeat.isPresent()) {
            return repeated(staff, repeat.get(), Optional.empty());
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long version = meetings.version(draft.roomId());
            MeetingResult plan = rules.book(staff, draft, around(draft), issuesOf(draft));
            if (!(plan instanceof MeetingResult.Booked b)) {
                return plan;
            }
            if (meetings.apply(requestKey, new MeetingBook.Change.Create(b.meeting()), version)
                    instanceof MeetingBook.Applied.Done d) {
                return done(staff, d.meeting(), Optional.empty(), d.repeat());
            }
        }
        throw new IllegalStateException("room " + draft.roomId() + " kept changing while booking");
    }

    /** Applies {@code edit} to a live meeting; an edit that breaks a meeting's own invariants is refused. */
    public MeetingResult change(String requestKey, Staff staff, String id, UnaryOperator<Meeting> edit) {
        Optional<Meeting> repeat = MeetingBook.roomOf(id).flatMap(room -> meetings.applied(room, requestKey));
        if (repeat.isPresent()) {
            return repeated(staff, repeat.get(), meetings.get(id));
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Meeting> found = meetings.get(id).filter(m -> !m.cancelled());
            if (found.isEmpty()) {
                return new MeetingResult.NotFound(id);
            }
            Meeting before = found.get();
            if (!access.meeting(staff, before)) {
                return new MeetingResult.Forbidden(id);
            }
            Meeting after;
            try {
                after = edit.apply(before);
            } catch (IllegalArgumentException e) {
                return new MeetingResult.Refused("meeting_bad_times", Map.of());
            }
            long version = meetings.version(after.roomId());
            MeetingResult plan = rules.change(staff, before, after, around(after), issuesOf(after));
            if (!(plan instanceof MeetingResult.Booked b)) {
                return plan;
            }
            MeetingBook.Change change = before.roomId().equals(after.roomId())
                    ? new MeetingBook.Change.Update(b.meeting())
                    : new MeetingBook.Change.Move(before, b.meeting());
            if (meetings.apply(requestKey, change, version) instanceof MeetingBook.Applied.Done d) {
                return done(staff, d.meeting(), Optional.of(before), d.repeat());
            }
        }
        throw new IllegalStateException("meeting " + id + " kept changing");
    }

    /** Cancels a live meeting; the members are told. */
    public MeetingResult cancel(String requestKey, Staff staff, String id) {
        Optional<Meeting> repeat = MeetingBook.roomOf(id).flatMap(room -> meetings.applied(room, requestKey));
        if (repeat.isPresent()) {
            return access.meeting(staff, repeat.get())
                    ? new MeetingResult.Booked(repeat.get(), Optional.empty(), List.of())
                    : new MeetingResult.Forbidden(id);
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Meeting> found = meetings.get(id);
            if (found.isEmpty()) {
                return new MeetingResult.NotFound(id);
            }
            long version = meetings.version(found.get().roomId());
            MeetingResult plan = rules.cancel(staff, found.get());
            if (!(plan instanceof MeetingResult.Booked b)) {
                return plan;
            }
            if (meetings.apply(requestKey, new MeetingBook.Change.Cancel(b.meeting()), version)
                    instanceof MeetingBook.Applied.Done d) {
                applied.accept(d.meeting().roomId()); // the members are told from the room's outbox
                return new MeetingResult.Booked(d.meeting(), Optional.of(found.get()), List.of());
            }
        }
        throw new IllegalStateException("meeting " + id + " kept changing");
    }

    /**
     * Records the outcome of the meeting's issues in one step ({@link MeetingRules#outcomes}); each issue moves to
     * {@code consulted} on its own, keyed by {@code requestKey} so that a repeat changes nothing.
     */
    public Outcomes record(String requestKey, Staff staff, String id, Map<String, String> outcomes) {
        Optional<Meeting> found = meetings.get(id);
        if (found.isEmpty()) {
            return new Outcomes.Refused(new MeetingResult.NotFound(id));
        }
        return switch (rules.outcomes(staff, found.get(), outcomes)) {
            case MeetingRules.Outcomes.Refused r -> new Outcomes.Refused(r.why());
            case MeetingRules.Outcomes.Planned p -> {
                Map<String, Transition> results = new LinkedHashMap<>();
                p.outcomes()
                        .forEach((number, outcome) -> results.put(
                                number,
                                issues.transition(
                                        requestKey + ":" + number,
                                        staff,
                                        number,
                                        new IssueAction.RecordOutcome(outcome))));
                yield new Outcomes.Recorded(found.get(), results);
            }
        };
    }

    /** A request key seen before: the first result again (scheduling is idempotent), to the staff in scope only. */
    private MeetingResult repeated(Staff staff, Meeting meeting, Optional<Meeting> before) {
        if (!access.meeting(staff, meeting)) {
            return new MeetingResult.Forbidden(meeting.id());
        }
        return done(staff, meeting, before, true);
    }

    /**
     * After an applied (or repeated) booking or change: schedule the issues (idempotent); the members are told from the
     * room's outbox, written with the change (a repeat finds nothing new there).
     */
    private MeetingResult done(Staff staff, Meeting meeting, Optional<Meeting> before, boolean repeat) {
        List<String> notScheduled = schedule(staff, meeting);
        applied.accept(meeting.roomId()); // the members are told from the room's outbox, once
        return new MeetingResult.Booked(meeting, before, notScheduled);
    }

    /**
     * Moves the meeting's issues that are received or accepted to {@code scheduled}, keyed per meeting and issue (a
     * repeat changes nothing); returns those that could not be moved. Issues already further along stay as they are.
     */
    private List<String> schedule(Staff staff, Meeting meeting) {
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
                        new IssueAction.Schedule(scheduleNote.apply(meeting)));
                if (!(t instanceof Transition.Done)) {
                    failed.add(number);
                }
            }
        }
        return failed;
    }

    /** The room's meetings that overlap {@code meeting}: all a clash can be with. */
    private List<Meeting> around(Meeting meeting) {
        return meetings.schedule(
                meeting.roomId(), meeting.start().toInstant(), meeting.end().toInstant());
    }

    private Map<String, IssueDetail> issuesOf(Meeting meeting) {
        Map<String, IssueDetail> found = new LinkedHashMap<>();
        for (String number : meeting.issues()) {
            issues.detail(number).ifPresent(d -> found.put(number, d));
        }
        return found;
    }
}
