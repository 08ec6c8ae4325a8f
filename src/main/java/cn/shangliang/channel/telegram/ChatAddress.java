package cn.shangliang.channel.telegram;

import java.util.Optional;

/**
 * How a Telegram user id in Shangliang ({@code (telegram, userId)}) names the chat to answer in: {@code <chat id>} for
 * a private chat, {@code <chat id>:<person id>} for one member of a group. Chat ids are 64-bit and negative for groups.
 */
final class ChatAddress {

    private ChatAddress() {}

    static String privateChat(long chatId) {
        return Long.toString(chatId);
    }

    static String groupMember(long chatId, long personId) {
        return chatId + ":" + personId;
    }

    /** The {@code chat_id} to send to, or empty when {@code userId} is not one of ours. */
    static Optional<Long> chatOf(String userId) {
        int colon = userId.indexOf(':');
        String chat = colon < 0 ? userId : userId.substring(0, colon);
        try {
            return Optional.of(Long.parseLong(chat));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
