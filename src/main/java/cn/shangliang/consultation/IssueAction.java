package cn.shangliang.consultation;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What staff do with an issue (DESIGN.md: {@code POST /api/issues/{no}/transitions}). */
public sealed interface IssueAction {

    record Accept() implements IssueAction {}

    record MoveUp(String reason) implements IssueAction {}

    record MoveDown(String reason) implements IssueAction {}

    record MergeInto(String target) implements IssueAction {}

    record Reject(String reason) implements IssueAction {}

    record Schedule(String note) implements IssueAction {}

    record RecordOutcome(String outcome) implements IssueAction {}

    record Report() implements IssueAction {}

    record Close() implements IssueAction {}

    /** The action's name in the API and the history: {@code accept}, {@code move_up}, … */
    default String name() {
        return switch (this) {
            case Accept a -> "accept";
            case MoveUp m -> "move_up";
            case MoveDown m -> "move_down";
            case MergeInto m -> "merge_into";
            case Reject r -> "reject";
            case Schedule s -> "schedule";
            case RecordOutcome r -> "record_outcome";
            case Report r -> "report";
            case Close c -> "close";
        };
    }

    /** Reads an action from its name and fields ({@code reason}, {@code target}, {@code outcome}, {@code note}). */
    static Optional<IssueAction> parse(String action, Map<String, String> fields) {
        String reason = fields.getOrDefault("reason", "").strip();
        return Optional.ofNullable(
                switch (action == null ? "" : action.toLowerCase(Locale.ROOT)) {
                    case "accept" -> new Accept();
                    case "move_up" -> new MoveUp(reason);
                    case "move_down" -> new MoveDown(reason);
                    case "merge_into" ->
                        new MergeInto(fields.getOrDefault("target", "").strip());
                    case "reject" -> new Reject(reason);
                    case "schedule" ->
                        new Schedule(fields.getOrDefault("note", "").strip());
                    case "record_outcome" ->
                        new RecordOutcome(fields.getOrDefault("outcome", "").strip());
                    case "report" -> new Report();
                    case "close" -> new Close();
                    default -> null;
                });
    }
}
