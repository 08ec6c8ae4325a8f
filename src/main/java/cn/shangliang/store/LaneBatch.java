package cn.shangliang.store;

import cn.shangliang.channel.InboundQueue;
import cn.shangliang.dialogue.Session;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions of the senders of the messages one worker lane handles together, on the lane's thread: read in one
 * round trip before the messages are handled ({@link RedisSessionStore#prefetch}), seen and changed here while they are
 * handled, and written to Redis by the completion script of the user's message ({@link
 * RedisInboundQueue#completeAll}): the session lives in the partition of the user's messages, so one script in one
 * slot queues the replies, writes the session and acknowledges the message. Other users' sessions are read and written
 * directly. A message whose handling fails leaves no session change behind, and a message is never completed without
 * its session change, nor the other way round.
 */
final class LaneBatch implements InboundQueue.Unit {

    private static final Logger log = LoggerFactory.getLogger(LaneBatch.class);
    private static final ThreadLocal<LaneBatch> CURRENT = new ThreadLocal<>();

    /**
     * A session write waiting for the completion of its user's message: the keys and arguments of the session script
     * (profile, pending), which the completion script of that message runs in the same slot.
     */
    record Write(List<String> keys, List<String> args) {}

    /** The users whose messages this batch handles: only their sessions are kept here. */
    private final Set<String> senders = new HashSet<>();
    /** Sessions as this batch sees them (read from Redis, or changed by a handled message), by user key. */
    private Map<String, Session> view = new HashMap<>();
    /** Changes of successfully handled messages, not yet in Redis, by user key (the latest wins). */
    private LinkedHashMap<String, Write> writes = new LinkedHashMap<>();

    private Map<String, Session> viewBeforeMessage;
    private LinkedHashMap<String, Write> writesBeforeMessage;

    private LaneBatch() {}

    /** Starts the batch of the calling thread (one at a time per thread). */
    static LaneBatch open() {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("a lane batch is already open on this thread");
        }
        LaneBatch batch = new LaneBatch();
        CURRENT.set(batch);
        return batch;
    }

    /** The batch open on the calling thread, if any. */
    static Optional<LaneBatch> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * Takes the session of a sender of this batch into the batch. Changes to other users' sessions (a notice to a
     * reporter that a staff member's message causes) are not kept here: they go to Redis at once, as another lane may
     * be handling that user's own message.
     */
    void sender(String user, Session session) {
        senders.add(user);
        view.putIfAbsent(user, session);
    }

    boolean isSender(String user) {
        return senders.contains(user);
    }

    Optional<Session> seen(String user) {
        return Optional.ofNullable(view.get(user));
    }

    boolean hasSeen(String user) {
        return view.containsKey(user);
    }

    void write(String user, Session session, Write write) {
        view.put(user, session);
        writes.remove(user); // keeps the order of the last change
        writes.put(user, write);
    }

    /** The changes to write with the next completions, by user key; they leave the batch. */
    LinkedHashMap<String, Write> takeWrites() {
        LinkedHashMap<String, Write> out = writes;
        writes = new LinkedHashMap<>();
        return out;
    }

    @Override
    public void startMessage() {
        viewBeforeMessage = new HashMap<>(view);
        writesBeforeMessage = new LinkedHashMap<>(writes);
    }

    @Override
    public void endMessage(boolean handled) {
        if (!handled && viewBeforeMessage != null) {
            view = viewBeforeMessage;
            writes = writesBeforeMessage;
        }
        viewBeforeMessage = null;
        writesBeforeMessage = null;
    }

    /**
     * Ends the batch. Changes still here belong to messages that were not completed (the store failed): they are
     * dropped with them, and both come back with the redelivery.
     */
    @Override
    public void close() {
        CURRENT.remove();
        if (!writes.isEmpty()) {
            log.debug("{} session change(s) dropped with their uncompleted messages", writes.size());
        }
    }
}
