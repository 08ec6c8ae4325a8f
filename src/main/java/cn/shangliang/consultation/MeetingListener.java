package cn.shangliang.consultation;

/** Told of every booked, changed or cancelled meeting (invitations, updates and reminders follow from it). */
public interface MeetingListener {

    void booked(Meeting meeting);

    /** {@code before} and {@code after} have the same id; invitees may have been added or removed. */
    void changed(Meeting before, Meeting after);

    void cancelled(Meeting meeting);

    /** The one of the three that a change written to a room's outbox stands for. */
    default void on(Effect.MeetingChanged change) {
        if (change.after().cancelled()) {
            cancelled(change.after());
        } else if (change.before() == null) {
            booked(change.after());
        } else {
            changed(change.before(), change.after());
        }
    }
}
