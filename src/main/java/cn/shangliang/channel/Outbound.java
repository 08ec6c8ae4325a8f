package cn.shangliang.channel;

import java.time.Instant;
import java.util.Objects;

/**
 * One message to a user: a reply or a notification, waiting in the outbound stream for its channel's sender.
 *
 * @param id unique id; a reply is {@code <inbound key>#<seq>} so that a redelivered message cannot queue it twice
 * @param channel the channel to send through
 * @param userId recipient on that channel
 * @param text what to say
 * @param inReplyTo the platform message id this answers, or empty for a notification
 * @param seq position of this reply among the replies to one message (1-based), 0 for notifications
 * @param of number of replies to that message, 0 for notifications
 * @param createdAt when it was queued (for end-to-end latency)
 */
public record Outbound(
        String id, String channel, String userId, String text, String inReplyTo, int seq, int of, Instant createdAt) {

    public Outbound {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
        inReplyTo = inReplyTo == null ? "" : inReplyTo;
    }

    /**
     * The id a receiver can deduplicate on: the same on every resend of this message (it derives from {@link #id},
     * which the outbound stream keeps), different for every other message. 32 lowercase hex characters (the first 128
     * bits of SHA-256 of the id), so that internal keys and other users' ids do not leak to a receiver.
     */
    public String replyId() {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A message that answers no inbound message (a status change, an invitation, a reminder). */
    public static Outbound notification(String id, String channel, String userId, String text, Instant createdAt) {
        return new Outbound(id, channel, userId, text, "", 0, 0, createdAt);
    }
}
