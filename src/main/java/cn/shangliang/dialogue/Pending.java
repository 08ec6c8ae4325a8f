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

    /** We showed {@code trackingNos} (1-based in the message) as possible duplicates of {@code concern}. */
    record AskChoice(String concern, String place, List<String> trackingNos) implements Pending {
        public AskChoice {
            trackingNos = List.copyOf(trackingNos);
        }
    }

    /** We asked whether to file {@code concern} as a new issue. */
    record AskConfirm(String concern, String place) implements Pending {}

    /** The reporter's issue was closed; we asked how satisfied they are. */
    record AskRating(String trackingNo) implements Pending {}

    /** The user asked to have their data deleted; we asked them to confirm. */
    record AskErase() implements Pending {}
}
