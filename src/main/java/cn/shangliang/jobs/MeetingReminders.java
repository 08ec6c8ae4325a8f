package cn.shangliang.jobs;

import java.util.function.IntSupplier;

/**
 * The meeting reminders runner: every half minute, sends the reminders that are due. Taking a due reminder is atomic
 * ({@link cn.shangliang.consultation.Reminders#takeDue}), so however many processes run this, each goes out once.
 * The wording and recipients stay with the meeting notices ({@code remindDue}); this is only the schedule.
 */
public final class MeetingReminders {

    private final IntSupplier remindDue;

    /** @param remindDue sends the due reminders and returns how many messages it queued */
    public MeetingReminders(IntSupplier remindDue) {
        this.remindDue = remindDue;
    }

    public int runOnce() {
        return remindDue.getAsInt();
    }
}
