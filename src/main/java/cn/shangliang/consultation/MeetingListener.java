package cn.shangliang.consultation;

/** Told of every booked, changed or cancelled meeting (invitations, updates and reminders follow from it). */
public interface MeetingListener {

    void booked(Meeting meeting);

    /** {@code before} and {@code after} have the same id; invitees may have been added or removed. */
    void changed(Meeting before, Meeting after);

    void cancelled(Meeting meeting);
}
