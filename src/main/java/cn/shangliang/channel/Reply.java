package cn.shangliang.channel;

import java.util.Objects;

/**
 * What a handler wants said: to the sender of the message ({@link ToSender}) or to someone else, e.g. a supporter of
 * an issue ({@link ToUser}).
 */
public sealed interface Reply {

    String text();

    record ToSender(String text) implements Reply {
        public ToSender {
            Objects.requireNonNull(text, "text");
        }
    }

    record ToUser(String channel, String userId, String text) implements Reply {
        public ToUser {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(text, "text");
        }
    }
}
