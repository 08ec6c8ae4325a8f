package cn.shangliang.consultation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What became of booking, changing or cancelling a meeting. From {@link MeetingRules} a {@link Booked} is a plan (the
 * meeting as it should be stored); from {@link MeetingDesk} it is done.
 */
public sealed interface MeetingResult {

    /**
     * The meeting as booked, changed or cancelled; {@code before} is the meeting before a change or cancel;
     * {@code notScheduled} the issues on it that could not move to scheduled (already further along or closed).
     */
    record Booked(Meeting meeting, Optional<Meeting> before, List<String> notScheduled) implements MeetingResult {
        public Booked {
            notScheduled = List.copyOf(notScheduled);
        }
    }

    /** Refused by a rule; {@code reason} is a key: {@code refusal_<reason>} in the catalogue, with {@code slots}. */
    record Refused(String reason, Map<String, String> slots) implements MeetingResult {
        public Refused {
            slots = Map.copyOf(slots);
        }
    }

    /** The room or meeting {@code id} is outside the staff member's scope. */
    record Forbidden(String id) implements MeetingResult {}

    /** No such meeting (or it was cancelled). */
    record NotFound(String id) implements MeetingResult {}

    /** The room is booked then by {@code other}. */
    record Clash(Meeting other) implements MeetingResult {}
}
