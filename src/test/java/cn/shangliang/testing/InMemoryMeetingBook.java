package cn.shangliang.testing;

import cn.shangliang.consultation.Meeting;
import cn.shangliang.consultation.MeetingBook;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link MeetingBook} in memory, with the same contract as the Redis one (MeetingBookContract). */
public final class InMemoryMeetingBook implements MeetingBook {

    private final Map<String, Meeting> meetings = new LinkedHashMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private final Map<String, String> requests = new HashMap<>();
    private final Map<String, Map<String, String>> attendance = new HashMap<>();
    private final Map<String, java.util.List<Entry>> outboxes = new HashMap<>();
    private long entryIds;

    @Override
    public synchronized long version(String roomId) {
        return versions.getOrDefault(roomId, 0L);
    }

    @Override
    public synchronized Applied apply(String requestKey, Change change, long expectedVersion) {
        return switch (change) {
            case Change.Create c -> announce(write(requestKey, c.meeting(), false, true, expectedVersion, null), null);
            case Change.Update u -> {
                Meeting before = meetings.get(u.meeting().id());
                yield announce(write(requestKey, u.meeting(), false, false, expectedVersion, null), before);
            }
            case Change.Cancel c -> {
                Meeting before = meetings.get(c.meeting().id());
                yield announce(write(requestKey, c.meeting(), true, false, expectedVersion, null), before);
            }
            case Change.Move m -> {
                Applied created =
                        announce(write(requestKey, m.after(), false, true, expectedVersion, null), m.before());
                if (created instanceof Applied.Done d && !d.repeat()) {
                    write(requestKey, m.before(), true, false, null, d.meeting().id());
                }
                yield created;
            }
        };
    }

    /** A change applied now (not a repeat) goes to its room's outbox with the meeting as it was before. */
    private Applied announce(Applied applied, Meeting before) {
        if (applied instanceof Applied.Done d && !d.repeat()) {
            outboxes.computeIfAbsent(d.meeting().roomId(), r -> new java.util.ArrayList<>())
                    .add(new Entry(
                            Long.toString(++entryIds),
                            new cn.shangliang.consultation.Effect.MeetingChanged(before, d.meeting())));
        }
        return applied;
    }

    @Override
    public synchronized java.util.List<Entry> pending(String roomId, int max) {
        return outboxes.getOrDefault(roomId, java.util.List.of()).stream()
                .limit(max)
                .toList();
    }

    @Override
    public synchronized void delivered(String roomId, java.util.List<Entry> entries) {
        outboxes.getOrDefault(roomId, new java.util.ArrayList<>()).removeAll(entries);
    }

    private Applied write(
            String requestKey, Meeting meeting, boolean cancel, boolean create, Long expected, String recordAs) {
        String room = meeting.roomId();
        String request = room + "|" + requestKey;
        if (requests.containsKey(request)) {
            return new Applied.Done(meetings.get(requests.get(request)), true);
        }
        if (expected != null && version(room) != expected) {
            return new Applied.Stale();
        }
        String id = create ? room + "." + sequences.merge(room, 1L, Long::sum) : meeting.id();
        Meeting stored = new Meeting(
                id,
                room,
                meeting.title(),
                meeting.start(),
                meeting.end(),
                meeting.issues(),
                meeting.invitees(),
                cancel);
        meetings.put(id, stored);
        versions.merge(room, 1L, Long::sum);
        requests.put(request, recordAs == null ? id : recordAs);
        return new Applied.Done(stored, false);
    }

    @Override
    public synchronized Optional<Meeting> applied(String roomId, String requestKey) {
        return Optional.ofNullable(requests.get(roomId + "|" + requestKey)).map(meetings::get);
    }

    @Override
    public synchronized Optional<Meeting> get(String id) {
        return Optional.ofNullable(meetings.get(id));
    }

    @Override
    public synchronized void answer(String meetingId, String memberId, boolean attends, String note) {
        attendance
                .computeIfAbsent(meetingId, k -> new LinkedHashMap<>())
                .put(memberId, attends ? "attend" : note.isBlank() ? "leave" : "leave: " + note);
    }

    @Override
    public synchronized Map<String, String> attendance(String meetingId) {
        return Map.copyOf(attendance.getOrDefault(meetingId, Map.of()));
    }

    @Override
    public synchronized List<Meeting> schedule(String roomId, Instant from, Instant to) {
        return meetings.values().stream()
                .filter(m -> m.roomId().equals(roomId) && !m.cancelled())
                .filter(m -> m.end().toInstant().isAfter(from)
                        && m.start().toInstant().isBefore(to))
                .sorted(Comparator.comparing(m -> m.start().toInstant()))
                .toList();
    }
}
