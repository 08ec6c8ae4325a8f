package cn.shangliang.channel.dingtalk;

import cn.shangliang.channel.Platform;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.handshake.ServerHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stream mode (PLATFORMS.md §3.2): one WebSocket to DingTalk's gateway, kept open while the pipeline runs. A single
 * connector thread registers (fresh ticket), connects, waits until the connection ends (the gateway's
 * {@code disconnect}, a dropped socket, a missed heartbeat), closes it, and starts over: at once after a
 * {@code disconnect}, otherwise after an exponential backoff with jitter. Because only that thread opens connections
 * and it closes each before registering the next, there are never two live connections.
 *
 * <p>Frames are answered on the WebSocket's read thread by {@link StreamHandler}; a robot message is ACKed only after
 * it is in the durable inbound queue.
 */
public final class StreamClient implements Platform.Service {

    private static final Logger log = LoggerFactory.getLogger(StreamClient.class);
    /** WebSocket pings at this interval; a connection whose pong does not come back is dropped and replaced. */
    private static final int HEARTBEAT_SECONDS = 20;

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** A connection open this long counts as having worked: the next reconnect waits the shortest backoff again. */
    private static final Duration STABLE = Duration.ofSeconds(30);

    private final StreamGateway gateway;
    private final StreamHandler handler;
    private final Duration backoffInitial;
    private final Duration backoffMax;
    private final RandomGenerator random;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Object lock = new Object();

    private volatile boolean running;
    private Thread connector;
    /** The connection being opened or open; guarded by {@code lock}. */
    private Connection current;

    StreamClient(
            StreamGateway gateway,
            StreamHandler handler,
            Duration backoffInitial,
            Duration backoffMax,
            RandomGenerator random) {
        this.gateway = gateway;
        this.handler = handler;
        this.backoffInitial = backoffInitial;
        this.backoffMax = backoffMax;
        this.random = random;
    }

    @Override
    public synchronized void start() {
        if (connector != null) {
            throw new IllegalStateException("the DingTalk stream was started already");
        }
        running = true;
        connector = Thread.ofPlatform().name("dingtalk-stream").daemon().start(this::run);
    }

    @Override
    public synchronized void close() {
        running = false;
        stopped.countDown();
        synchronized (lock) {
            if (current != null) {
                current.end();
            }
        }
        if (connector != null) {
            try {
                connector.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        int failures = 0;
        while (running) {
            Session session;
            try {
                session = connectAndServe();
            } catch (IOException | RuntimeException e) {
                log.warn("dingtalk stream: connection failed ({}); attempt {}", e.toString(), failures + 1);
                session = new Session(false, Duration.ZERO);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Duration wait;
            if (session.asked()) {
                failures = 0;
                wait = Duration.ZERO;
            } else {
                // a connection that held for a while starts the backoff afresh; one dropped at once keeps growing it
                failures = session.lasted().compareTo(STABLE) >= 0 ? 1 : failures + 1;
                wait = backoff(failures);
            }
            try {
                if (stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** How a connection ended: whether the gateway asked for the reconnect, and how long it was open. */
    private record Session(boolean asked, Duration lasted) {}

    /**
     * One connection from registration to its end. Throws when it could not be opened.
     */
    private Session connectAndServe() throws IOException, InterruptedException {
        URI uri = gateway.open();
        Connection connection = new Connection(uri);
        synchronized (lock) {
            if (!running) {
                return new Session(true, Duration.ZERO);
            }
            current = connection;
        }
        try {
            if (!connection.connectBlocking(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("WebSocket to " + uri.getHost() + " could not be opened");
            }
            long opened = System.nanoTime();
            log.info("dingtalk stream: connected to {}", uri.getHost());
            boolean asked = connection.awaitEnd();
            return new Session(asked, Duration.ofNanos(System.nanoTime() - opened));
        } finally {
            connection.shutDown();
            synchronized (lock) {
                current = null;
            }
        }
    }

    /** Exponential backoff with "equal jitter": half fixed, half random. */
    Duration backoff(int failures) {
        long base = backoffInitial.toMillis() << Math.min(failures - 1, 20);
        long capped = Math.min(base, backoffMax.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
    }

    /** One WebSocket connection; ends on close or on the gateway's {@code disconnect}. */
    private final class Connection extends WebSocketClient {

        private final CountDownLatch ended = new CountDownLatch(1);
        private final CountDownLatch closed = new CountDownLatch(1);
        private volatile boolean disconnectAsked;

        Connection(URI uri) {
            super(uri, new Draft_6455(), Map.of(), (int) CONNECT_TIMEOUT.toMillis());
            setConnectionLostTimeout(HEARTBEAT_SECONDS);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {}

        @Override
        public void onMessage(String text) {
            switch (handler.handle(text)) {
                case StreamHandler.Reaction.Reply r -> {
                    try {
                        send(r.frame());
                    } catch (WebsocketNotConnectedException e) {
                        log.warn("dingtalk stream: answer not sent, the connection is closed");
                    }
                }
                case StreamHandler.Reaction.Silent s -> {}
                case StreamHandler.Reaction.Reconnect r -> {
                    log.info("dingtalk stream: gateway asks to reconnect ({})", r.reason());
                    disconnectAsked = true;
                    ended.countDown();
                }
            }
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            log.info("dingtalk stream: connection closed ({} {}{})", code, reason, remote ? ", by the gateway" : "");
            closed.countDown();
            ended.countDown();
        }

        @Override
        public void onError(Exception e) {
            log.warn("dingtalk stream: {}", e.toString());
        }

        boolean awaitEnd() throws InterruptedException {
            ended.await();
            return disconnectAsked;
        }

        void end() {
            ended.countDown();
        }

        /** Closes the socket and waits (bounded) until it is closed; drops it when the close handshake hangs. */
        void shutDown() throws InterruptedException {
            close();
            if (!closed.await(5, TimeUnit.SECONDS)) {
                log.warn("dingtalk stream: the connection did not close in time; dropping it");
                closeConnection(1006, "not closed in time");
                closed.await(1, TimeUnit.SECONDS);
            }
        }
    }
}
