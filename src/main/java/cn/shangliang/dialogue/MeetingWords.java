package cn.shangliang.dialogue;

import java.util.regex.Pattern;

/**
 * Words a member uses to answer an invitation, whatever else the message names (a day, a reason). "请假" is always an
 * answer; "去不了" or "我参加" only about a meeting (会) or in a short message, so that a member's own concern ("路挖断了，
 * 孩子上学去不了") stays a concern.
 */
final class MeetingWords {

    private static final Pattern LEAVE = Pattern.compile("请假|請假|缺席");
    private static final Pattern CANNOT = Pattern.compile("去不了|来不了|來不了|参加不了|參加不了|不能参加|不能參加|无法参加|没法参加|不参加|不去了|到不了");
    private static final Pattern ACCEPT = Pattern.compile("(我|会|會)(参加|參加|去|来|到)[。！!，,]*$|^(参加|參加|出席|能参加|可以参加)");
    private static final Pattern MEETING = Pattern.compile("会|會|议事|協商|协商");
    /** A question about the room ("会在哪里开") is no answer, even if it says "去不了" about something else. */
    private static final Pattern QUESTION = Pattern.compile("[?？]|哪里|在哪|几点|什么时候|有空吗|有没有");

    private MeetingWords() {}

    static boolean isLeave(String text) {
        if (QUESTION.matcher(text).find()) {
            return false;
        }
        return LEAVE.matcher(text).find() || (CANNOT.matcher(text).find() && aboutAMeeting(text));
    }

    static boolean isAcceptance(String text) {
        return ACCEPT.matcher(text.strip()).find()
                && !isLeave(text)
                && !CANNOT.matcher(text).find()
                && !QUESTION.matcher(text).find()
                && aboutAMeeting(text);
    }

    /** The message names a meeting, or is too short to be about anything else. */
    private static boolean aboutAMeeting(String text) {
        return MEETING.matcher(text).find() || Languages.hanCount(text) <= 8;
    }
}
