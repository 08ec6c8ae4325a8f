package cn.shangliang.consultation;

import java.util.Map;
import java.util.Objects;

/**
 * What one person is to be told: a catalogue template and its slots, rendered in the person's language when it is
 * delivered. A slot value that is itself a catalogue key ({@code status_closed}, {@code level_town}) is rendered too.
 * {@code id} is the same on every delivery attempt, so a notice is sent once.
 *
 * @param askRating the notice asks the reporter to rate the outcome: their next answer is taken as the rating
 * @param toReporter the reader raised the issue (else they support it: a resident who unsubscribed is not told)
 */
public record Notice(
        String id, Reporter to, String template, Map<String, String> slots, boolean askRating, boolean toReporter) {

    /** A notice to the reporter of the issue, or to someone who is not following an issue (staff). */
    public Notice(String id, Reporter to, String template, Map<String, String> slots, boolean askRating) {
        this(id, to, template, slots, askRating, true);
    }

    public Notice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(template, "template");
        slots = Map.copyOf(slots);
    }
}
