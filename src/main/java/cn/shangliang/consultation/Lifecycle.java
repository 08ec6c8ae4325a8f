package cn.shangliang.consultation;

import java.util.Set;

/**
 * The status life cycle: received → accepted → scheduled → consulted → reported → closed; rejected (with a reason)
 * and merged end it early. Moving up or down changes the level, not the status.
 */
public final class Lifecycle {

    /** The decision on one action. */
    public sealed interface Decision {
        record Apply(Topic.Status status, Topic.Level level) implements Decision {}

        record Refuse(String reason) implements Decision {}
    }

    private Lifecycle() {}

    public static Decision decide(Topic.Status status, Topic.Level level, IssueAction action) {
        if (!status.isOpen()) {
            return new Decision.Refuse("the issue is " + status.name().toLowerCase() + "; nothing more can change");
        }
        return switch (action) {
            case IssueAction.Accept a -> from(status, Set.of(Topic.Status.RECEIVED), Topic.Status.ACCEPTED, level);
            case IssueAction.MoveUp m ->
                level == Topic.Level.TOWN
                        ? new Decision.Refuse("the issue is already at town level")
                        : needsText(m.reason(), "a reason", new Decision.Apply(status, Topic.Level.TOWN));
            case IssueAction.MoveDown m ->
                level == Topic.Level.VILLAGE
                        ? new Decision.Refuse("the issue is already at village level")
                        : needsText(m.reason(), "a reason", new Decision.Apply(status, Topic.Level.VILLAGE));
            case IssueAction.MergeInto m ->
                m.target().isBlank()
                        ? new Decision.Refuse("merge_into needs a target tracking number")
                        : new Decision.Apply(Topic.Status.MERGED, level);
            case IssueAction.Reject r ->
                needsText(r.reason(), "a reason", new Decision.Apply(Topic.Status.REJECTED, level));
            case IssueAction.Schedule s ->
                from(status, Set.of(Topic.Status.RECEIVED, Topic.Status.ACCEPTED), Topic.Status.SCHEDULED, level);
            case IssueAction.RecordOutcome r ->
                needsText(
                        r.outcome(),
                        "the outcome",
                        from(status, Set.of(Topic.Status.SCHEDULED), Topic.Status.CONSULTED, level));
            case IssueAction.Report r -> from(status, Set.of(Topic.Status.CONSULTED), Topic.Status.REPORTED, level);
            case IssueAction.Close c ->
                from(status, Set.of(Topic.Status.CONSULTED, Topic.Status.REPORTED), Topic.Status.CLOSED, level);
        };
    }

    private static Decision from(Topic.Status status, Set<Topic.Status> allowed, Topic.Status next, Topic.Level level) {
        return allowed.contains(status)
                ? new Decision.Apply(next, level)
                : new Decision.Refuse("cannot go from " + status.name().toLowerCase() + " to "
                        + next.name().toLowerCase());
    }

    private static Decision needsText(String text, String what, Decision otherwise) {
        return text == null || text.isBlank() ? new Decision.Refuse("needs " + what) : otherwise;
    }
}
