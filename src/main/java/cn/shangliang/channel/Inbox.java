package cn.shangliang.channel;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Per-user mailbox for channels whose clients pull their replies (web chat, terminal): a reply stays here until read,
 * so a client that reconnects gets what it missed, whichever process queued it.
 */
public interface Inbox {

    /** One stored reply; {@code entryId} orders entries and is what a client passes back as "since". */
    record Entry(String entryId, Outbound message) {}

    /** Announces a new entry to every process. */
    record Announcement(String channel, String userId) {}

    /** Stores a reply and announces it; returns its entry id. */
    String append(Outbound message);

    /** Entries after {@code sinceId} ("0" for all that are kept), oldest first. */
    List<Entry> after(String channel, String userId, String sinceId, int max);

    /** Like {@link #after}, but waits up to {@code block} for a first entry. */
    List<Entry> await(String channel, String userId, String sinceId, Duration block);

    /** Calls {@code listener} for every announcement until the returned handle is closed. */
    AutoCloseable subscribe(Consumer<Announcement> listener);
}
