package cn.shangliang.store;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.embedded.core.ExecutableProvider;

/**
 * A real redis-server (shipped inside the embedded-redis artifact) that the application starts on 127.0.0.1 with its
 * append-only file under the data directory, and restarts on the same directory when it dies.
 *
 * <p>One data directory has at most one owner: the owner holds a file lock and publishes its Redis URL in {@code
 * redis.url} so that commands such as {@code chat} connect to it instead. The server asks for a random password kept in
 * {@code redis.password}; the directory is 0700 and every file in it 0600 ({@link DataDirectory}), and redis-server runs
 * with umask 077 so that the files it writes (append-only file, {@code dump.rdb}) are private too.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);
    static final String LOCK_FILE = "shangliang.lock";
    static final String URL_FILE = "redis.url";
    static final String PASSWORD_FILE = "redis.password";
    static final String CONFIG_FILE = "redis.conf";
    static final String LOG_FILE = "redis.log";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final Path dataDir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final File executable;
    private final int port;
    private final String password;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean restarting = new AtomicBoolean();
    private final AtomicLong restarts = new AtomicLong();
    private volatile Process process;
    private Thread supervisor;
    private Thread shutdownHook;

    private EmbeddedRedis(
            Path dataDir, FileChannel lockChannel, FileLock lock, File executable, int port, String password) {
        this.dataDir = dataDir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.executable = executable;
        this.port = port;
        this.password = password;
    }

    /** Thrown when another process already owns the data directory. */
    public static final class DataDirInUseException extends RuntimeException {
        private final String ownerUrl;

        DataDirInUseException(Path dataDir, String ownerUrl) {
            super("data directory " + dataDir.toAbsolutePath() + " is in use by another running Shangliang server"
                    + (ownerUrl == null ? "" : " (its Redis: " + RedisConnector.redact(ownerUrl) + ")")
                    + "; stop it first, or give this one another SHANGLIANG_DATA");
            this.ownerUrl = ownerUrl;
        }

        /** The running server's Redis URL, with its password. */
        public Optional<String> ownerUrl() {
            return Optional.ofNullable(ownerUrl);
        }
    }

    /**
     * Takes the data directory and starts redis-server on it; a supervisor restarts it whenever it dies until {@link
     * #close()}.
     *
     * @param requestedPort 0 for any free port on 127.0.0.1
     * @throws DataDirInUseException when another process owns the directory
     */
    public static EmbeddedRedis start(Path dataDir, int requestedPort) {
        try {
            DataDirectory.secure(dataDir);
            FileChannel channel = FileChannel.open(
                    dataDir.resolve(LOCK_FILE),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            DataDirectory.ownerOnly(dataDir.resolve(LOCK_FILE));
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new DataDirInUseException(dataDir, ownerUrl(dataDir).orElse(null));
            }
            try {
                stopOrphan(dataDir);
                String password = password(dataDir);
                int port = requestedPort == 0 ? freePort() : requestedPort;
                File executable = ExecutableProvider.newJarResourceProvider().get();
                EmbeddedRedis redis = new EmbeddedRedis(dataDir, channel, lock, executable, port, password);
                redis.writeConfig();
                redis.launch();
                DataDirectory.writePrivate(dataDir.resolve(URL_FILE), url(port));
                redis.supervise();
                log.info("embedded Redis started on 127.0.0.1:{}, data in {}", port, dataDir.toAbsolutePath());
                return redis;
            } catch (IOException | RuntimeException e) {
                lock.release();
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded Redis in " + dataDir.toAbsolutePath(), e);
        }
    }

    /**
     * The Redis URL, with the password, of the process that owns {@code dataDir}, if one is running: what {@code chat},
     * {@code report}, {@code jobs run} and {@code import-topics} connect to.
     */
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

    /** {@code redis.url} with the password from {@code redis.password} put in. */
    private static Optional<String> ownerUrl(Path dataDir) {
        try {
            String url = Files.readString(dataDir.resolve(URL_FILE)).trim();
            Path passwordFile = dataDir.resolve(PASSWORD_FILE);
            if (Files.exists(passwordFile) && url.startsWith("redis://") && !url.contains("@")) {
                url = "redis://:" + Files.readString(passwordFile).trim() + "@" + url.substring("redis://".length());
            }
            return Optional.of(url);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The password of this data directory's Redis: made once (random, 256 bits), kept in a 0600 file. */
    private static String password(Path dataDir) throws IOException {
        Path file = dataDir.resolve(PASSWORD_FILE);
        if (Files.exists(file)) {
            String kept = Files.readString(file).trim();
            if (kept.matches("[0-9a-f]{32,128}")) {
                return kept;
            }
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        DataDirectory.writePrivate(file, password);
        return password;
    }

    /**
     * A redis-server left running by a server that was killed ({@code kill -9} leaves its child running) would write
     * the same append-only file as ours; ask it to shut down first (it saves as it goes).
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

    /** The settings, in a 0600 file of the data directory (the password must not go on the command line). */
    private void writeConfig() throws IOException {
        String config = String.join(
                "\n",
                "bind 127.0.0.1",
                "port " + port,
                "protected-mode yes",
                "daemonize no",
                "dir \"" + dataDir.toAbsolutePath() + "\"",
                "appendonly yes",
                "appendfsync everysec",
                "loglevel warning",
                "requirepass " + password,
                "");
        DataDirectory.writePrivate(dataDir.resolve(CONFIG_FILE), config);
    }

    /** Starts redis-server and waits until it answers (it answers LOADING while it replays the append-only file). */
    private void launch() throws IOException {
        Path logFile = dataDir.resolve(LOG_FILE);
        DataDirectory.touchPrivate(logFile);
        String conf = dataDir.resolve(CONFIG_FILE).toAbsolutePath().toString();
        List<String> command = new ArrayList<>();
        if (new File("/bin/sh").canExecute()) {
            // umask 077: the append-only file, dump.rdb and their rewrites are created 0600; exec keeps the pid
            command.addAll(List.of("/bin/sh", "-c", "umask 077 && exec \"$0\" \"$1\""));
        }
        command.add(executable.getAbsolutePath());
        command.add(conf);
        Process started = new ProcessBuilder(command)
                .directory(dataDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        this.process = started;
        awaitReady(started);
    }

    private void awaitReady(Process started) throws IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            if (!started.isAlive()) {
                throw new IOException("redis-server exited with code " + started.exitValue() + " at start; see "
                        + dataDir.resolve(LOG_FILE).toAbsolutePath());
            }
            try (Jedis jedis = new Jedis("127.0.0.1", port, 1000)) {
                jedis.auth(password);
                if ("PONG".equals(jedis.ping())) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e; // not listening yet, or still LOADING the append-only file
            }
            try {
                started.waitFor(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                started.destroyForcibly();
                throw new IOException("interrupted while redis-server started", e);
            }
        }
        started.destroyForcibly();
        throw new IOException("redis-server did not answer within " + READY_TIMEOUT.toSeconds() + " s", last);
    }

    private void supervise() {
        supervisor =
                Thread.ofPlatform().name("embedded-redis-supervisor").daemon().start(this::superviseLoop);
        // a JVM that exits without closing this (a bad configuration found after Redis started, System.exit) must not
        // leave its redis-server behind; kill -9 of the JVM still does, and the next start shuts that one down
        shutdownHook = new Thread(this::close, "embedded-redis-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private void superviseLoop() {
        while (!closed.get()) {
            Process watched = process;
            int code;
            try {
                code = watched.waitFor();
            } catch (InterruptedException e) {
                return; // closing
            }
            if (closed.get()) {
                return;
            }
            restarting.set(true);
            long started = System.nanoTime();
            if (!restart()) {
                return; // closed while retrying
            }
            long n = restarts.incrementAndGet();
            restarting.set(false);
            log.warn(
                    "embedded redis-server (pid {}) died with exit code {}; restarted it on 127.0.0.1:{} with the"
                            + " append-only file of {} replayed in {} ms (restart #{})",
                    watched.pid(),
                    code,
                    port,
                    dataDir.toAbsolutePath(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    n);
        }
    }

    /** Tries until redis-server runs again or this is closed; false when closed first. */
    private boolean restart() {
        Duration backoff = Duration.ofMillis(200);
        while (!closed.get()) {
            try {
                DataDirectory.secure(dataDir);
                launch();
                return true;
            } catch (IOException | RuntimeException e) {
                log.error(
                        "could not restart the embedded redis-server ({}); trying again in {} ms",
                        e.toString(),
                        backoff.toMillis());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return false;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** The URL as published in {@code redis.url}: without the password. */
    private static String url(int port) {
        return "redis://127.0.0.1:" + port;
    }

    /** The URL to connect with, password included: never log it without {@link RedisConnector#redact}. */
    public String url() {
        return "redis://:" + password + "@127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Whether redis-server died and is being restarted (the application is not ready meanwhile). */
    public boolean restarting() {
        return restarting.get();
    }

    /** How many times redis-server was restarted after dying. */
    public long restarts() {
        return restarts.get();
    }

    /** The process id of the running redis-server (tests kill it). */
    public long pid() {
        return process.pid();
    }

    /** Saves the append-only file, stops redis-server and releases the data directory. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (supervisor != null) {
            supervisor.interrupt();
        }
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
        }
        try (Jedis jedis = new Jedis("127.0.0.1", port, 2000)) {
            jedis.auth(password);
            jedis.shutdown();
        } catch (RuntimeException e) {
            log.debug("redis SHUTDOWN: {}", e.toString());
        }
        Process running = process;
        try {
            if (running != null && !running.waitFor(10, TimeUnit.SECONDS)) {
                running.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.destroyForcibly();
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
