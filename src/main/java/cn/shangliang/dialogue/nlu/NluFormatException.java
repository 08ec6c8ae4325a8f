package cn.shangliang.dialogue.nlu;

/** Training data that cannot be loaded; the message starts with {@code file:line:}. */
public final class NluFormatException extends RuntimeException {

    public NluFormatException(String message) {
        super(message);
    }

    public NluFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
