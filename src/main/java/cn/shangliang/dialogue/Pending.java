package cn.shangliang.dialogue;

import java.util.List;

/** The one question the bot is waiting on an answer to, if any. */
public sealed interface Pending {

    record None() implements Pending {}

    /** The resident raised {@code concern} and we asked where they live. */
    record AskPlace(String concern) implements Pending {}

    /**
     * The resident gave only {@code town} and raised {@code concern}, clearly a village matter: we asked which village
     * (or community). Any other answer files it at the town, flagged for staff review.
     */
    record AskVillage(String concern, String town) implements Pending {}

    /**
     * We showed {@code trackingNos} (1-based in the message) as possible duplicates of {@code concern}.
     *
     * @param placeFromText the place was read from the concern alone (nothing was known of the resident)
     */
    record AskChoice(String concern, String place, List<String> trackingNos, boolean placeFromText) implements Pending {
        public AskChoice {
            trackingNos = List.copyOf(trackingNos);
        }

        public AskChoice(String concern, String place, List<String> trackingNos) {
            this(concern, place, trackingNos, false);
        }
    }

    /**
     * We asked whether to file {@code concern} as a new issue at {@code place}.
     *
     * @param placeFromText the place was read from the concern alone: naming another place corrects it
     */
    record AskConfirm(String concern, String place, boolean placeFromText) implements Pending {
        public AskConfirm(String concern, String place) {
            this(concern, place, false);
        }
    }

    /** The reporter's issue was closed; we asked how satisfied they are. */
    record AskRating(String trackingNo) implements Pending {}

    /** The user asked to have their data deleted; we asked them to confirm. */
    record AskErase() implements Pending {}

    /** The user opened with "我要反映个事" and we asked what the matter is: the next message is the concern. */
    record AskConcern() implements Pending {}

    /**
     * A member answered 参加 ({@code attends}) or 请假 while several invitations wait, and we listed {@code meetingIds}
     * (1-based in the message); {@code reason} is what they said with a leave.
     */
    record AskWhichMeeting(boolean attends, String reason, List<String> meetingIds) implements Pending {
        public AskWhichMeeting {
            meetingIds = List.copyOf(meetingIds);
        }
    }
}
