package cn.shangliang.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MeetingWordsTest {

    @Test
    void leave_withADayAndAReason_isLeave() {
        assertThat(MeetingWords.isLeave("请假 12月4日下午有事")).isTrue();
        assertThat(MeetingWords.isLeave("12月4日下午的会我去不了，请假")).isTrue();
        assertThat(MeetingWords.isLeave("那天的会去不了")).isTrue();
    }

    @Test
    void aConcernSayingSomeoneCannotGo_isNoLeave() {
        assertThat(MeetingWords.isLeave("村口的路被挖断了，孩子们上学都去不了，已经三天了")).isFalse();
        assertThat(MeetingWords.isLeave("明天的会在哪里开？我怕去不了")).isFalse();
    }

    @Test
    void acceptance_aboutAMeeting_orShort() {
        assertThat(MeetingWords.isAcceptance("12月9日下午的会我参加")).isTrue();
        assertThat(MeetingWords.isAcceptance("参加")).isTrue();
        assertThat(MeetingWords.isAcceptance("我家老人想去镇上的医院看病，可是没有车，只能让邻居带我去")).isFalse();
        assertThat(MeetingWords.isAcceptance("12月9日的会我参加不了")).isFalse();
    }
}
