package cn.shangliang.store;

import cn.shangliang.channel.InboundQueue;
import cn.shangliang.dialogue.Session;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/**
 * The sessions of the messages one worker lane handles together, on the lane's thread: read in one round trip before
 * the messages are handled ({@link RedisSessionStore#prefetch}), seen and changed here while they are handled, and
 * written to Redis in the same pipelined round trip as the messages' completion ({@link
 * RedisInboundQueue#completeAll}). A message whose handling fails leaves no session change behind, and a message is
 * never completed without its session change (nor the other way round, short of a dropped connection in mid-pipeline,
 * when the message is redelivered and its turn replayed from the session).
 */
final class LaneBatch implements InboundQueue.Unit {

    private static final Logger log = LoggerFactory.getLogger(LaneBatch.class);
    private static final ThreadLocal<LaneBatch> CURRENT = new ThreadLocal<>();

    /** A session write waiting for the completion round trip. */
    record Write(Function<AbstractPipeline, Response<Object>> queue, Runnable direct) {}

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

    Optional<Session> seen(String user) {
        return Optional.ofNullable(view.get(user));
    }

    boolean hasSeen(String user) {
        return view.containsKey(user);
    }

    /** Remembers a session read from Redis (unless this batch already has a newer one). */
    void read(String user, Session session) {
        view.putIfAbsent(user, session);
    }

    void write(String user, Session session, Write write) {
        view.put(user, session);
        writes.remove(user); // keeps the order of the last change
        writes.put(user, write);
    }

    /** The changes to write with the next completion; they leave the batch. */
    List<Write> takeWrites() {
        List<Write> out = new ArrayList<>(writes.values());
        writes.clear();
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
