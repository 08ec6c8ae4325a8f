package cn.shangliang.dialogue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The one vocabulary of chat commands: the keys of {@code commands:} in the configuration (validated against it), what
 * the parser recognises, and the staff help, which shows each command's syntax ({@code syntax_<key>} in the
 * catalogue).
 */
public enum CommandName {
    QUEUE,
    VIEW,
    FOLLOW,
    ACCEPT,
    MOVE_UP,
    MOVE_DOWN,
    MERGE_INTO,
    REJECT,
    SCHEDULE,
    RECORD_OUTCOME,
    REPORT,
    CLOSE,
    MEETING,
    CHANGE_MEETING,
    CANCEL_MEETING,
    INVITE,
    MEETING_ISSUES,
    MEETING_OUTCOME,
    MEETING_VIEW,
    BINDING_CODE;

    /** The name in the configuration and the API ({@code move_up}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The catalogue key of the command's syntax line in the staff help. */
    public String syntaxKey() {
        return "syntax_" + key();
    }

    /** Only staff may use it ({@code follow} is for everyone). */
    public boolean staffOnly() {
        return this != FOLLOW;
    }

    public static Optional<CommandName> of(String key) {
        return Arrays.stream(values()).filter(c -> c.key().equals(key)).findFirst();
    }
}
