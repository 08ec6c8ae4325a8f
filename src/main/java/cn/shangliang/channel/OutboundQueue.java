package cn.shangliang.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The durable outbound stream: replies and notifications wait here for their channel's sender. */
public interface OutboundQueue {

    /** A message handed to one sender. {@code attempt} is 1 for the first try. */
    record Delivery(String entryId, Outbound message, int attempt) {}

    /** Queues a notification that no inbound message completes (e.g. a status change). Idempotent by its id. */
    void enqueue(Outbound message);

    List<Delivery> read(String consumer, int max, Duration block);

    List<Delivery> reclaim(String consumer, Duration minIdle, int max);

    /** Acknowledges sent messages, in one round trip. */
    void acknowledge(List<Delivery> deliveries);

    /** Acknowledges this try and schedules attempt {@code nextAttempt} at {@code due}. */
    void retryAt(Delivery delivery, Instant due, int nextAttempt);

    void deadLetter(Delivery delivery, String reason);

    /** Moves retries that are due by {@code now} back into the stream; returns how many. */
    int promoteDue(Instant now);
}
