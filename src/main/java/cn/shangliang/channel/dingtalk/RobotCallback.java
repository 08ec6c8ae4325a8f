package cn.shangliang.channel.dingtalk;

import cn.shangliang.channel.Inbound;
import cn.shangliang.channel.TextLimits;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One robot message as DingTalk delivers it, the same JSON in HTTP mode (the body) and in Stream mode (a CALLBACK
 * frame's {@code data}) — PLATFORMS.md §3.1/§3.2. Only {@code msgtype} "text" and "audio" (its
 * recognised words, §Voice) become a message.
 *
 * <p>The user is the sender's {@code senderStaffId} (the id the OpenAPI sends to, and the account id staff put in the
 * config), or {@code senderId} when DingTalk gives no staff id (a user outside the organisation): replies to those
 * can only go through the session webhook.
 */
final class RobotCallback {

    static final String CHANNEL = "dingtalk";
    private static final int MAX_ID = 256;
    private static final int MAX_NAME = 128;

    private RobotCallback() {}

    /** The outcome of parsing one callback. */
    sealed interface Parsed {
        /** A text message; {@code session} is where a reply may go while it is fresh. */
        record Message(Inbound inbound, Optional<SessionWebhook> session) implements Parsed {}

        /** A well-formed callback Shangliang does not handle (a picture, a file …). */
        record Ignored(String reason) implements Parsed {}

        /** A callback that cannot be accepted; {@code status} 400 for bad shape, 422 for unacceptable text. */
        record Invalid(int status, String reason) implements Parsed {}
    }

    static Parsed parse(JsonNode node, Instant receivedAt) {
        if (node == null || !node.isObject()) {
            return new Parsed.Invalid(400, "callback must be a JSON object");
        }
        Optional<String> msgId = id(node, "msgId");
        if (msgId.isEmpty()) {
            return new Parsed.Invalid(400, "msgId must be a non-empty string");
        }
        String msgtype = node.path("msgtype").asText("");
        String text;
        Map<String, String> attributes = Map.of();
        switch (msgtype) {
            case "text" -> {
                JsonNode content = node.path("text").path("content");
                if (!content.isTextual()) {
                    return new Parsed.Invalid(400, "text.content must be a string");
                }
                text = content.asText().strip(); // a group message starts with a space where the @mention was
                Optional<String> textProblem = TextLimits.problem(text);
                if (textProblem.isPresent()) {
                    return new Parsed.Invalid(422, textProblem.get());
                }
            }
            case "audio" -> {
                // the robot delivers DingTalk's speech recognition with the audio: the words are the message
                String words =
                        node.path("content").path("recognition").asText("").strip();
                boolean heard = TextLimits.problem(words).isEmpty();
                text = heard ? words : "";
                attributes = Map.of(Inbound.VOICE, heard ? Inbound.VOICE_RECOGNISED : Inbound.VOICE_UNRECOGNISED);
            }
            default -> {
                return new Parsed.Ignored("msgtype '" + msgtype + "' is not handled");
            }
        }
        Optional<String> staffId = id(node, "senderStaffId");
        Optional<String> userId = staffId.or(() -> id(node, "senderId"));
        if (userId.isEmpty()) {
            return new Parsed.Invalid(400, "neither senderStaffId nor senderId is given");
        }
        String nick = node.path("senderNick").asText("").strip();
        if (nick.length() > MAX_NAME) {
            nick = nick.substring(0, MAX_NAME);
        }
        boolean group = "2".equals(node.path("conversationType").asText(""));
        var inbound = new Inbound(CHANNEL, msgId.get(), userId.get(), nick, text, receivedAt, attributes);
        return new Parsed.Message(inbound, session(node, group, staffId.orElse("")));
    }

    private static Optional<SessionWebhook> session(JsonNode node, boolean group, String staffId) {
        String url = node.path("sessionWebhook").asText("");
        JsonNode expires = node.path("sessionWebhookExpiredTime");
        if (!(url.startsWith("https://") || url.startsWith("http://")) || !expires.canConvertToLong()) {
            return Optional.empty();
        }
        return Optional.of(new SessionWebhook(url, Instant.ofEpochMilli(expires.asLong()), group, staffId));
    }

    private static Optional<String> id(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            return Optional.empty();
        }
        String s = value.asText().strip();
        if (s.isEmpty() || s.length() > MAX_ID || s.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        return Optional.of(s);
    }
}
