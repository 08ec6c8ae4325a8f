package cn.shangliang.channel;

import java.time.Duration;
import java.util.List;

/** The durable inbound stream: accepted messages wait here until a worker has handled them. */
public interface InboundQueue {

    /** Outcome of {@link #enqueue}. */
    sealed interface EnqueueResult {
        record Accepted(String entryId) implements EnqueueResult {}

        record Duplicate() implements EnqueueResult {}
    }

    /** A message handed to one worker. {@code deliveries} counts this one. */
    record Delivery(String entryId, Inbound message, long deliveries) {}

    /**
     * Durably appends a message unless {@code (channel, messageId)} was seen before. Returns only once the entry is in
     * Redis; throws when Redis is unavailable (nothing is then written).
     */
    EnqueueResult enqueue(Inbound message);

    /**
     * How many readers a process runs, each with its own share of the store's partitions ({@code reader} from 0): one
     * when the store reads all partitions in one call, one per partition when they live on different nodes.
     */
    default int readers() {
        return 1;
    }

    /** New messages of this reader's partitions for this consumer, waiting up to {@code block} when there are none. */
    List<Delivery> read(int reader, String consumer, int max, Duration block);

    /** Messages another consumer took but did not finish within {@code minIdle}; they now belong to this consumer. */
    List<Delivery> reclaim(String consumer, Duration minIdle, int max);

    /**
     * Finishes a message atomically: queues the replies and acknowledges the entry. For a message already finished (a
     * redelivery) only the acknowledgement happens. Returns whether the replies were queued.
     */
    boolean complete(Delivery delivery, List<Outbound> replies);

    /** A handled delivery and the replies it produced, for {@link #completeAll}. */
    record Completion(Delivery delivery, List<Outbound> replies) {}

    /**
     * {@link #complete} for several messages, each atomically on its own, in as few round trips as the store allows.
     * Throws when the store is unavailable; completions not applied then are redelivered later, like any unfinished
     * message.
     */
    default void completeAll(List<Completion> completions) {
        for (Completion c : completions) {
            complete(c.delivery(), c.replies());
        }
    }

    /**
     * The messages a worker handles one after the other on one thread and then completes with {@link #completeAll} on
     * that same thread. A store may keep the state changes of those messages until their completion and write both in
     * one round trip; {@link #endMessage} with {@code false} drops the changes of a message whose handling failed.
     */
    interface Unit extends AutoCloseable {

        Unit NONE = new Unit() {
            @Override
            public void startMessage() {}

            @Override
            public void endMessage(boolean handled) {}

            @Override
            public void close() {}
        };

        /** A message's handling begins. */
        void startMessage();

        /** The message's handling ended: successfully (its changes are kept for its completion) or not. */
        void endMessage(boolean handled);

        @Override
        void close();
    }

    /** Opens a {@link Unit} on the calling thread; close it on the same thread. */
    default Unit openUnit() {
        return Unit.NONE;
    }

    /** Whether the message was finished already (so a redelivery need not be handled again). */
    boolean isComplete(Inbound message);

    /** Moves a message that keeps failing to the dead-letter stream and acknowledges it. */
    void deadLetter(Delivery delivery, String reason);
}
