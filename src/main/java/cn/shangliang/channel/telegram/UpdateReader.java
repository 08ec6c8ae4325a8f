package cn.shangliang.channel.telegram;

import cn.shangliang.channel.Inbound;
import cn.shangliang.channel.TextLimits;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one Telegram {@code Update} (already authenticated and parsed) into a neutral {@link Inbound}, or says why it
 * is not one. Pure: no I/O, no clock.
 *
 * <p>Taken: a new {@code message} with {@code text} (or a photo's or file's {@code caption}: the words are what the
 * dialogue can use), from a person (not a bot), in a private chat, or in a group or
 * supergroup when it addresses the bot: a command ({@code /help} or {@code /help@thisbot}, not
 * {@code /help@otherbot}), a mention {@code @thisbot} (removed from the text), or a reply to one of the bot's
 * messages. Everything else (edits, channel posts, stickers, photos without text, member updates, callbacks …) is
 * ignored: answering an edit as a new message would file a concern twice.
 *
 * <p>Who the user is: in a private chat the chat id (equal to the person's id), so that replies go back to the chat;
 * in a group {@code <chat id>:<person id>}, so that each member has a conversation of their own while replies still
 * reach the group ({@link ChatAddress}).
 */
final class UpdateReader {

    static final String CHANNEL = "telegram";

    /** {@code /command} or {@code /command@botname} at the start of a message (Bot API: commands are 1–32 chars). */
    private static final Pattern COMMAND =
            Pattern.compile("^/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,32}))?(?![A-Za-z0-9_@])");

    /** What one update amounts to. */
    sealed interface Reading {
        record Message(Inbound message) implements Reading {}

        /** Nothing for the bot; answered 200 so that Telegram does not redeliver it. */
        record Ignored(String reason) implements Reading {}
    }

    private final long botId;
    private final String username;
    private final Pattern mention;

    UpdateReader(TelegramSettings settings) {
        this.botId = settings.botId();
        this.username = settings.usernameKey();
        this.mention = username.isEmpty()
                ? null
                : Pattern.compile(
                        "(?<![A-Za-z0-9_])@" + Pattern.quote(username) + "(?![A-Za-z0-9_])", Pattern.CASE_INSENSITIVE);
    }

    /** @param updateId the update's {@code update_id}, checked by the caller */
    Reading read(long updateId, JsonNode update, Instant receivedAt) {
        JsonNode message = update.path("message");
        if (!message.isObject()) {
            return new Reading.Ignored("update without a new message (" + kind(update) + ")");
        }
        JsonNode text = message.path("text").isTextual() ? message.path("text") : message.path("caption");
        boolean voice = !text.isTextual() && message.path("voice").isObject();
        if (!text.isTextual() && !voice) {
            return new Reading.Ignored("message without text or caption");
        }
        JsonNode from = message.path("from");
        JsonNode chat = message.path("chat");
        if (!from.path("id").canConvertToLong() || !chat.path("id").canConvertToLong()) {
            return new Reading.Ignored("message without sender or chat id");
        }
        if (from.path("is_bot").asBoolean(false)) {
            return new Reading.Ignored("message from a bot");
        }
        String chatType = chat.path("type").asText("");
        long chatId = chat.path("id").asLong();
        long fromId = from.path("id").asLong();
        if (voice) {
            return voice(updateId, chatType, chatId, from, receivedAt);
        }
        String userId;
        String body;
        switch (chatType) {
            case "private" -> {
                userId = ChatAddress.privateChat(chatId);
                body = normalise(text.asText()).orElse("");
            }
            case "group", "supergroup" -> {
                if (!addressed(message, text.asText())) {
                    return new Reading.Ignored("group message not addressed to the bot");
                }
                userId = ChatAddress.groupMember(chatId, fromId);
                body = normalise(text.asText()).orElse("");
            }
            default -> {
                return new Reading.Ignored("message in a " + (chatType.isEmpty() ? "chat of no type" : chatType));
            }
        }
        if (body.isBlank()) {
            return new Reading.Ignored("nothing but a mention or a command for another bot");
        }
        return new Reading.Message(new Inbound(
                CHANNEL, Long.toString(updateId), userId, name(from), limit(body), receivedAt, language(from)));
    }

    /**
     * A voice message carries no text (Telegram recognises no speech for bots): in a private chat the dialogue asks to
     * type it; in a group it cannot be addressed to the bot, so it is left alone.
     */
    private static Reading voice(long updateId, String chatType, long chatId, JsonNode from, Instant receivedAt) {
        if (!chatType.equals("private")) {
            return new Reading.Ignored("voice message in a " + (chatType.isEmpty() ? "chat of no type" : chatType));
        }
        Map<String, String> attributes = new java.util.HashMap<>(language(from));
        attributes.put(Inbound.VOICE, Inbound.VOICE_UNRECOGNISED);
        return new Reading.Message(new Inbound(
                CHANNEL,
                Long.toString(updateId),
                ChatAddress.privateChat(chatId),
                name(from),
                "",
                receivedAt,
                attributes));
    }

    /** In a group: a command not for another bot, a mention of this bot, or a reply to one of its messages. */
    private boolean addressed(JsonNode message, String text) {
        Matcher command = COMMAND.matcher(text);
        if (command.find()) {
            String target = command.group(2);
            return target == null || target.toLowerCase(Locale.ROOT).equals(username);
        }
        if (mention != null && mention.matcher(text).find()) {
            return true;
        }
        return isReplyToBot(message);
    }

    private boolean isReplyToBot(JsonNode message) {
        JsonNode replied = message.path("reply_to_message");
        if (!replied.isObject()) {
            return false;
        }
        // In a forum topic every message "replies" to the topic's creation message: not a reply to the bot.
        if (replied.has("forum_topic_created")) {
            return false;
        }
        return replied.path("from").path("id").asLong(0) == botId;
    }

    /**
     * The text the dialogue sees: {@code /cmd@thisbot} becomes {@code /cmd}, {@code /start <deep-link payload>} becomes
     * {@code /start}, and mentions of this bot are removed; empty for a command addressed to another bot.
     */
    Optional<String> normalise(String text) {
        String out = text;
        Matcher command = COMMAND.matcher(out);
        if (command.find() && command.group(2) != null) {
            if (!username.isEmpty()
                    && !command.group(2).toLowerCase(Locale.ROOT).equals(username)) {
                return Optional.empty();
            }
            out = "/" + command.group(1) + out.substring(command.end());
        }
        if (out.startsWith("/start ")) {
            out = "/start"; // a deep link's payload (t.me/<bot>?start=…) is not the user's words
        }
        if (mention != null) {
            out = mention.matcher(out).replaceAll(" ");
        }
        return Optional.of(out.replaceAll("[ \\t]{2,}", " ").strip());
    }

    /**
     * Telegram allows 4096 UTF-16 units, a little more than {@link TextLimits#MAX_TEXT} code points: the rest is cut
     * (on a code point boundary) rather than refused, since refusing would only make Telegram redeliver it.
     */
    private static String limit(String text) {
        if (text.codePointCount(0, text.length()) <= TextLimits.MAX_TEXT) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, TextLimits.MAX_TEXT));
    }

    private static String name(JsonNode from) {
        String name = (from.path("first_name").asText("") + " "
                        + from.path("last_name").asText(""))
                .strip();
        return name.isEmpty() ? from.path("username").asText("") : name;
    }

    /** {@code lang} only for English and Chinese: for other languages the dialogue judges by the text itself. */
    private static Map<String, String> language(JsonNode from) {
        String code = from.path("language_code").asText("").toLowerCase(Locale.ROOT);
        if (code.equals("en") || code.startsWith("en-") || code.equals("zh") || code.startsWith("zh-")) {
            return Map.of("lang", code);
        }
        return Map.of();
    }

    private static String kind(JsonNode update) {
        var names = update.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("update_id")) {
                return name;
            }
        }
        return "empty";
    }
}
