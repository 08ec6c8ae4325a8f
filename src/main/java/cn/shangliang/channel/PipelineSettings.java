package cn.shangliang.channel;

import java.time.Duration;

/**
 * Tuning of the durable pipeline.
 *
 * @param workers inbound worker threads per process
 * @param batchSize entries read at once
 * @param reclaimIdle a message in hand this long without being finished is taken over by another worker
 * @param maxDeliveries a message delivered this often without success goes to the dead-letter stream
 * @param senders outbound sender threads per process
 * @param maxAttempts sends of one reply before it is dead-lettered
 * @param backoffInitial wait before the second attempt; doubles each time, with jitter
 * @param backoffMax longest wait between attempts
 * @param dedupFor how long message ids are remembered for deduplication
 */
public record PipelineSettings(
        int workers,
        int batchSize,
        Duration reclaimIdle,
        int maxDeliveries,
        int senders,
        int maxAttempts,
        Duration backoffInitial,
        Duration backoffMax,
        Duration dedupFor) {

    public PipelineSettings {
        positive("workers", workers);
        positive("batchSize", batchSize);
        positive("maxDeliveries", maxDeliveries);
        positive("senders", senders);
        positive("maxAttempts", maxAttempts);
        if (reclaimIdle.isNegative() || reclaimIdle.isZero()) {
            throw new IllegalArgumentException("reclaimIdle must be positive (was " + reclaimIdle + ")");
        }
        if (backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException("backoffMax must not be less than backoffInitial");
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1 (was " + value + ")");
        }
    }

    public static PipelineSettings defaults() {
        return new PipelineSettings(
                4,
                32,
                Duration.ofSeconds(30),
                5,
                8,
                6,
                Duration.ofMillis(500),
                Duration.ofMinutes(5),
                Duration.ofDays(8));
    }
}
