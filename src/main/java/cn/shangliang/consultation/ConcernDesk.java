package cn.shangliang.consultation;

import java.util.List;
import java.util.Optional;

/**
 * Where concerns become issues. Every write is idempotent by {@code requestKey} (the message that asked for it), so a
 * redelivered message files nothing twice.
 */
public interface ConcernDesk {

    /** Files a new issue and returns it with its tracking number. */
    IssueSummary file(String requestKey, Reporter reporter, Place place, String text);

    /**
     * Whether a resident who gave only a town ({@code place}) raised a matter that clearly belongs to a village, so
     * that the village should be asked before filing (filed without one, it stays at the town, flagged for review).
     */
    default boolean wantsVillage(Place place, String text) {
        return false;
    }

    /** Makes the reporter a supporter of an open issue; empty when there is no such open issue. */
    Optional<IssueSummary> support(String requestKey, Reporter reporter, String trackingNo);

    Optional<IssueSummary> find(String trackingNo);

    /** The reporter's issues (raised or supported), newest first. */
    List<IssueSummary> of(Reporter reporter, int max);

    /** Keeps the reporter's rating of a closed issue; false when it is not theirs or not closed. */
    boolean rate(Reporter reporter, String trackingNo, Rating rating);

    /** Whether {@code reporter} raised this closed issue and has not rated it yet. */
    default boolean awaitsRating(Reporter reporter, String trackingNo) {
        return false;
    }

    /** How satisfied the reporter is with the outcome (满意 / 基本满意 / 不满意). */
    enum Rating {
        SATISFIED,
        BASICALLY_SATISFIED,
        UNSATISFIED
    }
}
