package cn.shangliang.dialogue;

import cn.shangliang.consultation.IssueAction;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The one vocabulary of chat commands: the keys of {@code commands:} in the configuration (validated against it), what
 * the parser recognises, and the staff help, which shows each command's syntax ({@code syntax_<key>} in the
 * catalogue).
 */
public enum CommandName {
    QUEUE(false),
    VIEW(false),
    FOLLOW(false),
    ACCEPT(false),
    MOVE_UP(false),
    MOVE_DOWN(false),
    MERGE_INTO(false),
    REJECT(false),
    SCHEDULE(false),
    RECORD_OUTCOME(false),
    REPORT(false),
    CLOSE(false),
    MEETING(true),
    CHANGE_MEETING(true),
    CANCEL_MEETING(true),
    INVITE(true),
    MEETING_ISSUES(true),
    MEETING_OUTCOME(true),
    MEETING_VIEW(true),
    BINDING_CODE(false);

    private final boolean meeting;

    CommandName(boolean meeting) {
        this.meeting = meeting;
    }

    /** The name in the configuration and the API ({@code move_up}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The catalogue key of the command's syntax line in the staff help. */
    public String syntaxKey() {
        return "syntax_" + key();
    }

    /** An action of the issue life cycle ({@link IssueAction#name()}). */
    public boolean isIssueAction() {
        return IssueAction.parse(key(), java.util.Map.of()).isPresent();
    }

    /** A meeting command (handled by {@link MeetingCommands}). */
    public boolean isMeeting() {
        return meeting;
    }

    /** Only staff may use it ({@code follow} is for everyone). */
    public boolean staffOnly() {
        return this != FOLLOW;
    }

    public static Optional<CommandName> of(String key) {
        return Arrays.stream(values()).filter(c -> c.key().equals(key)).findFirst();
    }
}
