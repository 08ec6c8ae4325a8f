package cn.shangliang.channel.dingtalk;

import cn.shangliang.channel.Inbound;
import cn.shangliang.channel.InboundQueue;
import cn.shangliang.channel.Pause;
import cn.shangliang.channel.Platform;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Robot messages that arrived over the Stream connection while Redis was away. DingTalk does not push a robot message
 * again after a failed ACK ("fire and forget", unlike events), so instead of being lost they wait here, in this
 * process, and are queued as soon as Redis answers again (at most {@link #MAX} of them; a crash of this process
 * meanwhile still loses them, which the log says).
 */
final class HeldBack implements Platform.Service {

    private static final Logger log = LoggerFactory.getLogger(HeldBack.class);
    static final int MAX = 10_000;
    private static final Duration EVERY = Duration.ofSeconds(1);

    private final InboundQueue queue;
    private final Deque<Inbound> held = new ArrayDeque<>();
    private volatile boolean running;
    private Thread thread;

    HeldBack(InboundQueue queue) {
        this.queue = queue;
    }

    /** Keeps a message that could not be queued; false when already {@link #MAX} wait. */
    synchronized boolean hold(Inbound message) {
        if (held.size() >= MAX) {
            log.error("dingtalk: {} messages already wait for Redis; message {} is lost", MAX, message.key());
            return false;
        }
        held.addLast(message);
        log.warn("dingtalk: message {} kept in memory until Redis answers ({} waiting)", message.key(), held.size());
        return true;
    }

    synchronized int size() {
        return held.size();
    }

    /** Queues what waits, in arrival order, until Redis fails again; returns how many were queued. */
    int retryNow() {
        int queued = 0;
        while (true) {
            Inbound next;
            synchronized (this) {
                next = held.peekFirst();
            }
            if (next == null) {
                break;
            }
            try {
                queue.enqueue(next); // a duplicate (queued before the failure was seen) is fine too
            } catch (RuntimeException e) {
                break;
            }
            synchronized (this) {
                held.pollFirst();
            }
            queued++;
        }
        if (queued > 0) {
            log.info("dingtalk: {} messages kept during the Redis outage are queued now", queued);
        }
        return queued;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = Thread.ofVirtual().name("dingtalk-held-back").start(() -> {
            while (running) {
                retryNow();
                Pause.sleep(EVERY, () -> running);
            }
        });
    }

    @Override
    public void close() {
        running = false;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            Pause.joinAll(java.util.List.of(t));
        }
        int left = size();
        if (left > 0) {
            log.error("dingtalk: stopping with {} messages not queued (Redis was away); they are lost", left);
        }
    }
}
