package cn.shangliang.bench;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Matches replies to the messages they answer ({@code in_reply_to} = message id) and records end-to-end latency from
 * the message's intended send time to the reply's arrival. Only messages sent in the measured phase count.
 */
final class ReplyTracker {

    private record Pending(long intendedNanos, boolean measured) {}

    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    private final Histogram latencyMicros = new ConcurrentHistogram(3_600_000_000L, 3);
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong allReplies = new AtomicLong();
    private final AtomicLong lastAnyReplyNanos = new AtomicLong();
    private final AtomicLong unmatched = new AtomicLong();
    private final AtomicLong badSignatures = new AtomicLong();
    private final AtomicLong lastReplyNanos = new AtomicLong();

    /** Called before the message is posted, so that a fast reply always finds it. */
    void expect(String messageId, long intendedNanos, boolean measured) {
        pending.put(messageId, new Pending(intendedNanos, measured));
    }

    /** The message was not accepted: no reply is expected. */
    void forget(String messageId) {
        pending.remove(messageId);
    }

    void replied(String inReplyTo, long nowNanos) {
        Pending p = pending.remove(inReplyTo);
        if (p == null) {
            unmatched.incrementAndGet();
            return;
        }
        allReplies.incrementAndGet();
        lastAnyReplyNanos.accumulateAndGet(nowNanos, Math::max);
        if (p.measured()) {
            latencyMicros.recordValue(Math.max(0, (nowNanos - p.intendedNanos()) / 1000));
            replies.incrementAndGet();
            lastReplyNanos.accumulateAndGet(nowNanos, Math::max);
        }
    }

    void badSignature() {
        badSignatures.incrementAndGet();
    }

    long missing() {
        return pending.values().stream().filter(Pending::measured).count();
    }

    long replies() {
        return replies.get();
    }

    /** Replies to any message, warm-up included: the pipeline's output rate even when it lags far behind. */
    long allReplies() {
        return allReplies.get();
    }

    long lastAnyReplyNanos() {
        return lastAnyReplyNanos.get();
    }

    long unmatched() {
        return unmatched.get();
    }

    long badSignatures() {
        return badSignatures.get();
    }

    long lastReplyNanos() {
        return lastReplyNanos.get();
    }

    Histogram latencyMicros() {
        return latencyMicros;
    }
}
