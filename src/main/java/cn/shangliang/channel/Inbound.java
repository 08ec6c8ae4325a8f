package cn.shangliang.channel;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One message from a user, in neutral form: every platform adapter turns its own payload into this record first.
 *
 * @param channel channel name ({@code generic}, {@code webchat}, {@code terminal}, {@code wecom} …)
 * @param messageId the platform's id of the message; {@code (channel, messageId)} identifies it for deduplication
 * @param userId the platform's user id
 * @param userName display name, may be empty
 * @param text the message text, already checked for size
 * @param receivedAt when Shangliang accepted it
 * @param attributes small channel hints (e.g. {@code place}, {@code lang}); never platform payloads
 */
public record Inbound(
        String channel,
        String messageId,
        String userId,
        String userName,
        String text,
        Instant receivedAt,
        Map<String, String> attributes) {

    /** The attribute a channel sets on a voice message: {@link #VOICE_RECOGNISED} or {@link #VOICE_UNRECOGNISED}. */
    public static final String VOICE = "voice";

    /** A voice message whose text is what the platform recognised. */
    public static final String VOICE_RECOGNISED = "recognised";

    /** A voice message without recognised text; its text is empty. */
    public static final String VOICE_UNRECOGNISED = "unrecognised";

    public Inbound {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(receivedAt, "receivedAt");
        userName = userName == null ? "" : userName;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** The deduplication key of this message: unique per channel. */
    public String key() {
        return channel + ":" + messageId;
    }

    public String attribute(String name) {
        return attributes.getOrDefault(name, "");
    }
}
