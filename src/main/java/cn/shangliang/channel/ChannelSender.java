package cn.shangliang.channel;

import java.time.Duration;

/** Delivers outbound messages on one channel. Implementations must not retry themselves: the dispatcher does. */
public interface ChannelSender {

    /** The channel name this sender serves. */
    String channel();

    SendResult send(Outbound message);

    /** What became of one send. */
    sealed interface SendResult {
        record Sent() implements SendResult {}

        /** A transient failure (network, 5xx, rate limit): try again, after {@code after} if the platform said so. */
        record RetryLater(String reason, Duration after) implements SendResult {}

        /** A failure that retrying cannot fix (unknown user, bot blocked). */
        record Permanent(String reason) implements SendResult {}
    }
}
