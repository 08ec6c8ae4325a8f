package cn.shangliang.bench;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Matches replies to the messages they answer ({@code in_reply_to} = {@code <prefix>-<index>}) and records end-to-end
 * latency from the message's intended send time to the reply's arrival. Only messages sent in the measured phase
 * count, and a message's latency is that of its first reply. Indexed by message number, so that tracking costs no allocation per message.
 */
final class ReplyTracker {

    private static final int NONE = 0;
    private static final int EXPECTED = 1;
    private static final int REPLIED = 2;
    private static final int FORGOTTEN = 3;

    private final String prefix;
    private final long[] intendedNanos;
    private final AtomicIntegerArray state;
    private final int warmupCount;
    private final Histogram latencyMicros = new ConcurrentHistogram(3_600_000_000L, 3);
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong allReplies = new AtomicLong();
    private final AtomicLong lastAnyReplyNanos = new AtomicLong();
    private final AtomicLong unmatched = new AtomicLong();
    private final AtomicLong furtherReplies = new AtomicLong();
    private final AtomicLong badSignatures = new AtomicLong();
    private final AtomicLong lastReplyNanos = new AtomicLong();

    /** An empty tracker: every reply counts as unmatched. */
    ReplyTracker() {
        this("\u0000", 0, 0);
    }

    ReplyTracker(String prefix, int count, int warmupCount) {
        this.prefix = prefix + "-";
        this.intendedNanos = new long[count];
        this.state = new AtomicIntegerArray(count);
        this.warmupCount = warmupCount;
    }

    /** Called before the message is posted, so that a fast reply always finds it. */
    void expect(int index, long intended) {
        intendedNanos[index] = intended;
        state.set(index, EXPECTED); // publishes intendedNanos[index] to the receiver threads
    }

    /** The message was not accepted: no reply is expected. */
    void forget(int index) {
        state.compareAndSet(index, EXPECTED, FORGOTTEN);
    }

    void replied(String inReplyTo, long nowNanos) {
        int index = indexOf(inReplyTo);
        if (index >= 0 && state.get(index) == REPLIED) {
            furtherReplies.incrementAndGet(); // a second reply to one message: latency counts to the first
            return;
        }
        if (index < 0 || !state.compareAndSet(index, EXPECTED, REPLIED)) {
            if (unmatched.incrementAndGet() <= 3) {
                System.err.printf("unmatched reply to %s%n", inReplyTo);
            }
            return;
        }
        allReplies.incrementAndGet();
        lastAnyReplyNanos.accumulateAndGet(nowNanos, Math::max);
        if (index >= warmupCount) {
            latencyMicros.recordValue(Math.max(0, (nowNanos - intendedNanos[index]) / 1000));
            replies.incrementAndGet();
            lastReplyNanos.accumulateAndGet(nowNanos, Math::max);
        }
    }

    private int indexOf(String inReplyTo) {
        if (inReplyTo == null || !inReplyTo.startsWith(prefix) || inReplyTo.length() == prefix.length()) {
            return -1;
        }
        long v = 0;
        for (int i = prefix.length(); i < inReplyTo.length(); i++) {
            char c = inReplyTo.charAt(i);
            if (c < '0' || c > '9' || v > Integer.MAX_VALUE) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v < state.length() ? (int) v : -1;
    }

    void badSignature() {
        badSignatures.incrementAndGet();
    }

    /** Measured messages accepted but not yet answered. */
    long missing() {
        long n = 0;
        for (int i = warmupCount; i < state.length(); i++) {
            if (state.get(i) == EXPECTED) {
                n++;
            }
        }
        return n;
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

    /** Replies after the first to one message (e.g. a notice and a question). */
    long furtherReplies() {
        return furtherReplies.get();
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
