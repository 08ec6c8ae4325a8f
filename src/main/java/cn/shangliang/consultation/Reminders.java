package cn.shangliang.consultation;

import java.time.Instant;
import java.util.List;

/**
 * Reminder times of meetings, shared by all processes. Taking due reminders is atomic: each is handed to exactly one
 * caller, and one not yet taken survives a restart.
 */
public interface Reminders {

    /** A reminder of {@code meetingId}, {@code minutesBefore} its start. */
    record Due(String meetingId, int minutesBefore) {}

    /** Replaces the meeting's reminders with one per offset before {@code start} (past ones are not planned). */
    void plan(String meetingId, Instant start, List<Integer> minutesBefore, Instant now);

    /** Forgets the meeting's reminders (cancelled meeting). */
    void forget(String meetingId);

    /** Takes up to {@code max} reminders due by {@code now}; no other caller gets them. */
    List<Due> takeDue(Instant now, int max);
}
