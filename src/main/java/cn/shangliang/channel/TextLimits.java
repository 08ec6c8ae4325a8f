package cn.shangliang.channel;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Checks every channel applies to message text before it is accepted. */
public final class TextLimits {

    /** Longest message text accepted, in characters (code points). */
    public static final int MAX_TEXT = 4000;

    private TextLimits() {}

    /** Decodes strict UTF-8; empty when the bytes are not valid UTF-8. */
    public static Optional<String> decodeUtf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** What is wrong with a message text, or empty when it may be accepted. */
    public static Optional<String> problem(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("text is empty");
        }
        int length = text.codePointCount(0, text.length());
        if (length > MAX_TEXT) {
            return Optional.of("text is " + length + " characters; at most " + MAX_TEXT + " are accepted");
        }
        return Optional.empty();
    }
}
