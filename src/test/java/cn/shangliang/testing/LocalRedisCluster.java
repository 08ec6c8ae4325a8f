package cn.shangliang.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import redis.clients.jedis.Jedis;

/**
 * A Redis Cluster of three masters with a replica each, on localhost: six redis-server processes from the binary the
 * embedded-redis artifact ships (so CI needs nothing installed), cluster mode on, random ports below 55000 (the
 * cluster bus listens on port + 10000). Built with CLUSTER MEET / ADDSLOTS / REPLICATE, the slots split in three equal
 * ranges, as {@code redis-cli --cluster create} does.
 */
public final class LocalRedisCluster implements AutoCloseable {

    private static final String BINARY = "/redis-server-6.2.6-v5-linux-amd64";

    private final Path dir;
    private final List<Integer> ports = new ArrayList<>();
    private final Map<Integer, Process> processes = new HashMap<>();

    private LocalRedisCluster(Path dir) {
        this.dir = dir;
    }

    /** Whether this machine can run the shipped binary (Linux on x86-64). */
    public static boolean supported() {
        return System.getProperty("os.name").toLowerCase().contains("linux")
                && List.of("amd64", "x86_64").contains(System.getProperty("os.arch"))
                && LocalRedisCluster.class.getResource(BINARY) != null;
    }

    public static LocalRedisCluster start(Path dir) {
        LocalRedisCluster cluster = new LocalRedisCluster(dir);
        try {
            cluster.startNodes(binary(dir));
            cluster.join();
            return cluster;
        } catch (RuntimeException | IOException e) {
            cluster.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private static Path binary(Path dir) throws IOException {
        Path binary = dir.resolve("redis-server");
        try (InputStream in = LocalRedisCluster.class.getResourceAsStream(BINARY)) {
            Files.copy(in, binary, StandardCopyOption.REPLACE_EXISTING);
        }
        binary.toFile().setExecutable(true);
        return binary;
    }

    private void startNodes(Path binary) throws IOException {
        for (int i = 0; i < 6; i++) {
            int port = freePortBelow55000();
            Path data = Files.createDirectories(dir.resolve("n" + port));
            Process p = new ProcessBuilder(
                            binary.toString(),
                            "--port",
                            Integer.toString(port),
                            "--bind",
                            "127.0.0.1",
                            "--cluster-enabled",
                            "yes",
                            "--cluster-config-file",
                            "nodes.conf",
                            "--cluster-node-timeout",
                            "2000",
                            "--appendonly",
                            "yes",
                            "--save",
                            "",
                            "--dir",
                            data.toString())
                    .redirectOutput(data.resolve("redis.log").toFile())
                    .redirectErrorStream(true)
                    .start();
            ports.add(port);
            processes.put(port, p);
        }
        for (int port : ports) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
                try (Jedis j = new Jedis("127.0.0.1", port)) {
                    return "PONG".equals(j.ping());
                }
            });
        }
    }

    /** Masters: the first three, a third of the slots each; replicas: the last three, one per master. */
    private void join() {
        for (int i = 0; i < 3; i++) {
            int from = i * 16384 / 3;
            int to = (i + 1) * 16384 / 3;
            int[] slots = new int[to - from];
            for (int s = from; s < to; s++) {
                slots[s - from] = s;
            }
            try (Jedis j = node(ports.get(i))) {
                j.clusterAddSlots(slots);
            }
        }
        for (int port : ports.subList(1, 6)) {
            try (Jedis j = node(port)) {
                j.clusterMeet("127.0.0.1", ports.get(0));
            }
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> ports.stream().allMatch(p -> {
                    try (Jedis j = node(p)) {
                        return j.clusterNodes().lines().count() == 6;
                    }
                }));
        for (int i = 3; i < 6; i++) {
            String master;
            try (Jedis j = node(ports.get(i - 3))) {
                master = j.clusterMyId();
            }
            try (Jedis j = node(ports.get(i))) {
                j.clusterReplicate(master);
            }
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> ports.stream().allMatch(p -> {
                    try (Jedis j = node(p)) {
                        String info = j.clusterInfo();
                        String replication = j.info("replication");
                        return info.contains("cluster_state:ok")
                                && (replication.contains("role:master")
                                        ? replication.contains("connected_slaves:1")
                                        : replication.contains("master_link_status:up"));
                    }
                }));
    }

    /** {@code redis-cluster://} with the masters, as the application takes it. */
    public String url() {
        return "redis-cluster://127.0.0.1:" + ports.get(0) + ",127.0.0.1:" + ports.get(1) + ",127.0.0.1:"
                + ports.get(2);
    }

    /** The ports of the nodes that are masters now (and alive), asked of a live node. */
    public List<Integer> masters() {
        for (int port : ports) {
            if (!processes.get(port).isAlive()) {
                continue;
            }
            try (Jedis j = node(port)) {
                List<Integer> masters = new ArrayList<>();
                for (String line : j.clusterNodes().split("\n")) {
                    String[] f = line.split(" ");
                    if (f.length > 2 && f[2].contains("master") && !f[2].contains("fail")) {
                        masters.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@'))));
                    }
                }
                return masters;
            }
        }
        throw new IllegalStateException("no node alive");
    }

    public Jedis node(int port) {
        return new Jedis("127.0.0.1", port, 2000);
    }

    /** Kills a node at once, as a crash would. */
    public void kill(int port) {
        processes.get(port).destroyForcibly();
        try {
            processes.get(port).waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePortBelow55000() throws IOException {
        while (true) {
            try (ServerSocket s = new ServerSocket(0)) {
                if (s.getLocalPort() < 55000) {
                    return s.getLocalPort();
                }
            }
        }
    }

    @Override
    public void close() {
        processes.values().forEach(Process::destroyForcibly);
        for (Process p : processes.values()) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
