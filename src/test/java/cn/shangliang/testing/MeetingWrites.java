package cn.shangliang.testing;

import cn.shangliang.consultation.Meeting;
import cn.shangliang.consultation.MeetingBook;
import java.util.UUID;

/** Test set-up: writes straight to a {@link MeetingBook}, with a fresh request key and the room's current version. */
public final class MeetingWrites {

    private MeetingWrites() {}

    public static Meeting create(MeetingBook book, Meeting meeting) {
        return write(book, new MeetingBook.Change.Create(meeting));
    }

    public static Meeting update(MeetingBook book, Meeting meeting) {
        return write(book, new MeetingBook.Change.Update(meeting));
    }

    public static Meeting cancel(MeetingBook book, Meeting meeting) {
        return write(book, new MeetingBook.Change.Cancel(meeting));
    }

    private static Meeting write(MeetingBook book, MeetingBook.Change change) {
        var applied = book.apply(UUID.randomUUID().toString(), change, book.version(change.roomId()));
        return ((MeetingBook.Applied.Done) applied).meeting();
    }
}
