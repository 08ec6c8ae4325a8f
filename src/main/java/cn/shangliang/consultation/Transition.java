package cn.shangliang.consultation;

import java.util.Map;

/** The outcome of a staff action on an issue. */
public sealed interface Transition {

    record Done(IssueDetail issue) implements Transition {}

    record NotFound(String trackingNo) implements Transition {}

    /** Outside the staff member's scope: nothing changed. */
    record Forbidden(String trackingNo) implements Transition {}

    /**
     * Not allowed in the issue's state, or missing a reason: nothing changed. {@code reason} is a catalogue key
     * ({@code reason_…} in intents/responses.yml) with its slots; slot values may be catalogue keys themselves.
     */
    record Refused(String reason, Map<String, String> slots) implements Transition {

        public Refused {
            slots = Map.copyOf(slots);
        }

        public Refused(String reason) {
            this(reason, Map.of());
        }
    }
}
