package cn.shangliang.consultation;

import java.util.Map;
import java.util.Set;

/**
 * The status life cycle: received → accepted → scheduled → consulted → reported → closed; rejected (with a reason)
 * and merged end it early. Moving up or down changes the level, not the status.
 */
public final class Lifecycle {

    /** The decision on one action. */
    public sealed interface Decision {
        record Apply(Topic.Status status, Topic.Level level) implements Decision {}

        /** {@code reason} is a catalogue key with its slots (see {@link Transition.Refused}). */
        record Refuse(String reason, Map<String, String> slots) implements Decision {}
    }

    private Lifecycle() {}

    public static Decision decide(Topic.Status status, Topic.Level level, IssueAction action) {
        if (!status.isOpen()) {
            return new Decision.Refuse("reason_issue_ended", Map.of("status", statusKey(status)));
        }
        return switch (action) {
            case IssueAction.Accept a -> from(status, Set.of(Topic.Status.RECEIVED), Topic.Status.ACCEPTED, level);
            case IssueAction.MoveUp m ->
                level == Topic.Level.TOWN
                        ? new Decision.Refuse("reason_already_level", Map.of("level", "level_town"))
                        : needsText(m.reason(), "reason_needs_reason", new Decision.Apply(status, Topic.Level.TOWN));
            case IssueAction.MoveDown m ->
                level == Topic.Level.VILLAGE
                        ? new Decision.Refuse("reason_already_level", Map.of("level", "level_village"))
                        : needsText(m.reason(), "reason_needs_reason", new Decision.Apply(status, Topic.Level.VILLAGE));
            case IssueAction.MergeInto m ->
                needsText(m.target(), "reason_needs_target", new Decision.Apply(Topic.Status.MERGED, level));
            case IssueAction.Reject r ->
                needsText(r.reason(), "reason_needs_reason", new Decision.Apply(Topic.Status.REJECTED, level));
            case IssueAction.Schedule s ->
                from(status, Set.of(Topic.Status.RECEIVED, Topic.Status.ACCEPTED), Topic.Status.SCHEDULED, level);
            case IssueAction.RecordOutcome r ->
                needsText(
                        r.outcome(),
                        "reason_needs_outcome",
                        from(status, Set.of(Topic.Status.SCHEDULED), Topic.Status.CONSULTED, level));
            case IssueAction.Report r -> from(status, Set.of(Topic.Status.CONSULTED), Topic.Status.REPORTED, level);
            case IssueAction.Close c ->
                from(status, Set.of(Topic.Status.CONSULTED, Topic.Status.REPORTED), Topic.Status.CLOSED, level);
        };
    }

    /** The catalogue key of a status's name ({@code status_received}, …). */
    public static String statusKey(Topic.Status status) {
        return "status_" + status.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The catalogue key of a level's name ({@code level_town}, {@code level_village}). */
    public static String levelKey(Topic.Level level) {
        return "level_" + level.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static Decision from(Topic.Status status, Set<Topic.Status> allowed, Topic.Status next, Topic.Level level) {
        return allowed.contains(status)
                ? new Decision.Apply(next, level)
                : new Decision.Refuse("reason_wrong_status", Map.of("from", statusKey(status), "to", statusKey(next)));
    }

    private static Decision needsText(String text, String reason, Decision otherwise) {
        return text == null || text.isBlank() ? new Decision.Refuse(reason, Map.of()) : otherwise;
    }
}
