package cn.shangliang.consultation;

/** Told of every booked, changed or cancelled meeting (invitations, updates and reminders follow from it). */
public interface MeetingListener {

    void booked(Meeting meeting);

    void changed(Meeting meeting);

    void cancelled(Meeting meeting);
}
