package cn.shangliang.consultation;

import cn.shangliang.testing.InMemoryMeetingBook;

class InMemoryMeetingBookTest extends MeetingBookContract {

    @Override
    protected MeetingBook book() {
        return new InMemoryMeetingBook();
    }
}
