package cn.shangliang.store;

import java.time.Duration;

/**
 * How many replicas must have an accepted message before the channel is told "accepted" ({@code redis.ack_replicas};
 * 0: none, the master's write is enough), and how long to wait for them ({@code WAIT replicas timeout}).
 */
public record ReplicaAck(int replicas, Duration timeout) {

    public static final ReplicaAck NONE = new ReplicaAck(0, Duration.ZERO);

    public ReplicaAck {
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must not be negative (was " + replicas + ")");
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative (was " + timeout + ")");
        }
    }
}
