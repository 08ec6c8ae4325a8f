package cn.shangliang.bench;

import cn.shangliang.app.Application;
import cn.shangliang.channel.Inbound;
import cn.shangliang.store.PipelinePartitions;
import cn.shangliang.store.RedisConnector;
import cn.shangliang.store.RedisInboundQueue;
import cn.shangliang.store.ReplicaAck;
import cn.shangliang.testing.LocalRedisCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;

/**
 * What {@code redis.ack_replicas: 1} costs an enqueue (the webhook's "accepted"): on a local 3-master/3-replica
 * cluster, one thread enqueues messages of distinct users one after the other, alternating blocks without and with
 * WAIT, and prints the latency percentiles of each. Run: {@code java -cp <test classpath>
 * cn.shangliang.bench.AckReplicasBenchmark [messages per block] [blocks]}.
 */
public final class AckReplicasBenchmark {

    public static void main(String[] args) throws Exception {
        int perBlock = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int blocks = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path dir = Files.createTempDirectory("ack-replicas");
        try (LocalRedisCluster cluster = LocalRedisCluster.start(dir);
                UnifiedJedis redis = RedisConnector.connect(cluster.url(), 16)) {
            PipelinePartitions partitions = PipelinePartitions.defaults();
            var mapper = Application.objectMapper();
            RedisInboundQueue none =
                    new RedisInboundQueue(redis, mapper, Duration.ofDays(7), partitions, ReplicaAck.NONE);
            RedisInboundQueue one = new RedisInboundQueue(
                    redis, mapper, Duration.ofDays(7), partitions, new ReplicaAck(1, Duration.ofMillis(500)));
            run(none, "warm-up", perBlock, new long[perBlock]);
            long[] without = new long[perBlock * blocks];
            long[] with = new long[perBlock * blocks];
            for (int b = 0; b < blocks; b++) {
                long[] t = new long[perBlock];
                run(none, "a" + b, perBlock, t);
                System.arraycopy(t, 0, without, b * perBlock, perBlock);
                run(one, "b" + b, perBlock, t);
                System.arraycopy(t, 0, with, b * perBlock, perBlock);
            }
            print("ack_replicas: 0", without);
            print("ack_replicas: 1", with);
        }
    }

    private static void run(RedisInboundQueue queue, String tag, int n, long[] micros) {
        for (int i = 0; i < n; i++) {
            Inbound m =
                    new Inbound("generic", tag + "-" + i, "user-" + tag + "-" + i, "", "你好", Instant.now(), Map.of());
            long start = System.nanoTime();
            queue.enqueue(m);
            micros[i] = (System.nanoTime() - start) / 1000;
        }
    }

    private static void print(String what, long[] micros) {
        long[] s = micros.clone();
        Arrays.sort(s);
        System.out.printf(
                Locale.ROOT,
                "%s: %d enqueues, mean %.0f µs, p50 %d µs, p90 %d µs, p99 %d µs, max %d µs%n",
                what,
                s.length,
                Arrays.stream(s).average().orElse(0),
                s[s.length / 2],
                s[(int) (s.length * 0.9)],
                s[(int) (s.length * 0.99)],
                s[s.length - 1]);
    }
}
