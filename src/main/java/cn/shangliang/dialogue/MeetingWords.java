package cn.shangliang.dialogue;

import java.util.regex.Pattern;

/** Words a member uses to send apologies for a meeting, whatever else the message names (a day, a reason). */
final class MeetingWords {

    private static final Pattern LEAVE = Pattern.compile("请假|請假|去不了|来不了|來不了|参加不了|參加不了|不能参加|不能參加|无法参加|没法参加|不参加|不去了|缺席");
    /** A question about the room ("会在哪里开") is no leave, even if it says "去不了" about something else. */
    private static final Pattern QUESTION = Pattern.compile("[?？]|哪里|在哪|几点|什么时候|有空吗|有没有");

    /** "12月9日下午的会我参加", "路灯协商会我去": attending, said with or without naming the meeting. */
    private static final Pattern ACCEPT = Pattern.compile("(我|会)(参加|參加|去|来|到)[。！!，,]*$|^(参加|參加|出席|能参加|可以参加)");

    private MeetingWords() {}

    static boolean isAcceptance(String text) {
        return ACCEPT.matcher(text.strip()).find()
                && !isLeave(text)
                && !QUESTION.matcher(text).find();
    }

    static boolean isLeave(String text) {
        return LEAVE.matcher(text).find() && !QUESTION.matcher(text).find();
    }
}
