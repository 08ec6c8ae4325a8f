package cn.shangliang.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.embedded.RedisServer;

/**
 * A real redis-server (shipped inside the embedded-redis artifact) that the application starts on 127.0.0.1 with its
 * append-only file under the data directory. One data directory has at most one owner: the owner holds a file lock and
 * publishes its Redis URL in {@code redis.url} so that commands such as {@code chat} connect to it instead.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);
    static final String LOCK_FILE = "shangliang.lock";
    static final String URL_FILE = "redis.url";

    private final Path dataDir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final RedisServer server;
    private final int port;

    private EmbeddedRedis(Path dataDir, FileChannel lockChannel, FileLock lock, RedisServer server, int port) {
        this.dataDir = dataDir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.server = server;
        this.port = port;
    }

    /** Thrown when another process already owns the data directory. */
    public static final class DataDirInUseException extends RuntimeException {
        private final String ownerUrl;

        DataDirInUseException(Path dataDir, String ownerUrl) {
            super("data directory " + dataDir.toAbsolutePath() + " is in use by another running Shangliang server"
                    + (ownerUrl == null ? "" : " (its Redis: " + ownerUrl + ")")
                    + "; stop it first, or give this one another SHANGLIANG_DATA");
            this.ownerUrl = ownerUrl;
        }

        public Optional<String> ownerUrl() {
            return Optional.ofNullable(ownerUrl);
        }
    }

    /**
     * Takes the data directory and starts redis-server on it.
     *
     * @param requestedPort 0 for any free port on 127.0.0.1
     * @throws DataDirInUseException when another process owns the directory
     */
    public static EmbeddedRedis start(Path dataDir, int requestedPort) {
        try {
            Files.createDirectories(dataDir);
            FileChannel channel =
                    FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new DataDirInUseException(dataDir, ownerUrl(dataDir).orElse(null));
            }
            try {
                stopOrphan(dataDir);
                int port = requestedPort == 0 ? freePort() : requestedPort;
                RedisServer server = RedisServer.newRedisServer()
                        .bind("127.0.0.1")
                        .port(port)
                        .setting("dir " + dataDir.toAbsolutePath())
                        .setting("appendonly yes")
                        .setting("appendfsync everysec")
                        .setting("protected-mode yes")
                        .setting("daemonize no")
                        .build();
                server.start();
                Files.writeString(dataDir.resolve(URL_FILE), url(port), StandardCharsets.UTF_8);
                log.info("embedded Redis started on 127.0.0.1:{}, data in {}", port, dataDir.toAbsolutePath());
                return new EmbeddedRedis(dataDir, channel, lock, server, port);
            } catch (IOException | RuntimeException e) {
                lock.release();
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded Redis in " + dataDir.toAbsolutePath(), e);
        }
    }

    /** The Redis URL published by the process that owns {@code dataDir}, if one is running. */
    public static Optional<String> runningServerUrl(Path dataDir) {
        Path lockFile = dataDir.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock != null) {
                lock.release();
                return Optional.empty();
            }
            return ownerUrl(dataDir);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this same JVM
        }
    }

    private static Optional<String> ownerUrl(Path dataDir) {
        try {
            return Optional.of(Files.readString(dataDir.resolve(URL_FILE)).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * A redis-server left running by a server that was killed would write the same append-only file as ours; ask it to
     * save and shut down first.
     */
    private static void stopOrphan(Path dataDir) {
        ownerUrl(dataDir).ifPresent(url -> {
            try (Jedis jedis = new Jedis(java.net.URI.create(url), 1000)) {
                jedis.ping();
                log.warn("a redis-server from an earlier run still serves {}; shutting it down", dataDir);
                jedis.shutdown();
            } catch (RuntimeException e) {
                // nothing answers: the usual case
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static String url(int port) {
        return "redis://127.0.0.1:" + port;
    }

    public String url() {
        return url(port);
    }

    public int port() {
        return port;
    }

    /** Saves the append-only file, stops redis-server and releases the data directory. */
    @Override
    public void close() {
        try (Jedis jedis = new Jedis("127.0.0.1", port, 2000)) {
            jedis.shutdown();
        } catch (RuntimeException e) {
            log.debug("redis SHUTDOWN: {}", e.toString());
        }
        try {
            server.stop();
        } catch (IOException e) {
            log.warn("stopping embedded Redis: {}", e.toString());
        }
        try {
            Files.deleteIfExists(dataDir.resolve(URL_FILE));
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            log.warn("releasing {}: {}", dataDir, e.toString());
        }
        log.info("embedded Redis stopped");
    }
}
