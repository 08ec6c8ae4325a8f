package cn.shangliang.channel.dingtalk;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The session webhooks of recent robot messages, by message id, in this process's memory only. The adapter (HTTP)
 * or the Stream connection remembers each message's webhook; the sender looks one up by the reply's
 * {@code inReplyTo}. A reply handled by another process, or after a restart, or after the webhook expired, goes through
 * the OpenAPI instead; so losing this map loses nothing but the group-chat context of a reply. Bounded: the oldest
 * entries go first.
 */
public final class SessionWebhooks {

    /** A webhook this close to its expiry is not used: the send could arrive after it. */
    static final Duration MARGIN = Duration.ofSeconds(30);

    private final Clock clock;
    private final int capacity;
    private final Map<String, SessionWebhook> byMessage = new LinkedHashMap<>();

    public SessionWebhooks(Clock clock, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.clock = clock;
        this.capacity = capacity;
    }

    synchronized void remember(String messageId, SessionWebhook webhook) {
        if (!usable(webhook)) {
            return;
        }
        byMessage.remove(messageId);
        byMessage.put(messageId, webhook);
        var oldest = byMessage.keySet().iterator();
        while (byMessage.size() > capacity && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    /** The webhook of message {@code messageId} while it is still usable. */
    synchronized Optional<SessionWebhook> fresh(String messageId) {
        SessionWebhook webhook = byMessage.get(messageId);
        if (webhook == null) {
            return Optional.empty();
        }
        if (!usable(webhook)) {
            byMessage.remove(messageId);
            return Optional.empty();
        }
        return Optional.of(webhook);
    }

    /** Drops a webhook DingTalk no longer accepts. */
    synchronized void forget(String messageId) {
        byMessage.remove(messageId);
    }

    private boolean usable(SessionWebhook webhook) {
        return webhook.expiresAt().isAfter(clock.instant().plus(MARGIN));
    }
}
