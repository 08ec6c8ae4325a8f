package cn.shangliang.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The durable outbound stream: replies and notifications wait here for their channel's sender. */
public interface OutboundQueue {

    /** A message handed to one sender. {@code attempt} is 1 for the first try. */
    record Delivery(String entryId, Outbound message, int attempt) {}

    /** Queues a notification that no inbound message completes (e.g. a status change). Idempotent by its id. */
    void enqueue(Outbound message);

    /**
     * How many readers a process runs, each with its own share of the store's partitions ({@code reader} from 0): one
     * when the store reads all partitions in one call, one per partition when they live on different nodes.
     */
    default int readers() {
        return 1;
    }

    /** New messages of this reader's partitions for this consumer, waiting up to {@code block} when there are none. */
    List<Delivery> read(int reader, String consumer, int max, Duration block);

    List<Delivery> reclaim(String consumer, Duration minIdle, int max);

    /** Acknowledges sent messages, in one round trip. */
    void acknowledge(List<Delivery> deliveries);

    /** Acknowledges this try and schedules attempt {@code nextAttempt} at {@code due}. */
    void retryAt(Delivery delivery, Instant due, int nextAttempt);

    void deadLetter(Delivery delivery, String reason);

    /** Moves retries that are due by {@code now} back into the stream; returns how many. */
    int promoteDue(Instant now);

    /** A message of some recipient that waits in the retry set: its place in the recipient's order, and when due. */
    record Held(String messageId, long order, Instant due) {}

    /**
     * The messages each recipient of the batch has waiting in the retry set (keyed by {@code channel + "\t" + user}),
     * so that a newer message can wait behind them instead of overtaking one that is about to be sent.
     */
    default Map<String, List<Held>> held(List<Delivery> batch) {
        return Map.of();
    }

    /** The place of a message in its recipient's order: when it was created, then its position among replies. */
    static long order(Outbound message) {
        return message.createdAt().toEpochMilli() * 1000 + Math.min(message.seq(), 999);
    }
}
