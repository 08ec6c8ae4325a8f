package cn.shangliang.channel.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;

/**
 * DingTalk's Stream WebSocket side for the integration test: accepts a connection only with a ticket that
 * {@link FakeDingTalk} issued and nobody used yet, records every frame the client sends (ACKs by message id), counts
 * open connections (and the most ever open at once), and lets the test push frames or drop the socket.
 */
final class FakeStreamGateway extends WebSocketServer {

    private final ObjectMapper mapper = new ObjectMapper();
    private final FakeDingTalk registrations;
    private final CountDownLatch started = new CountDownLatch(1);
    final Set<String> usedTickets = ConcurrentHashMap.newKeySet();
    final List<String> connectedTickets = new CopyOnWriteArrayList<>();
    final List<JsonNode> received = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> answersById = new ConcurrentHashMap<>();
    final AtomicInteger refusedHandshakes = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    final AtomicInteger maxOpen = new AtomicInteger();
    private volatile WebSocket current;

    FakeStreamGateway(FakeDingTalk registrations) {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.registrations = registrations;
        setReuseAddr(true);
    }

    void startAndWait() throws InterruptedException {
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("fake gateway did not start");
        }
    }

    String endpoint() {
        return "ws://127.0.0.1:" + getPort() + "/connect";
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(
            WebSocket conn, Draft draft, ClientHandshake request) throws InvalidDataException {
        String resource = request.getResourceDescriptor();
        String ticket = resource.contains("ticket=") ? resource.substring(resource.indexOf("ticket=") + 7) : "";
        if (!registrations.tickets.contains(ticket) || !usedTickets.add(ticket)) {
            refusedHandshakes.incrementAndGet();
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "unknown or used ticket");
        }
        conn.setAttachment(ticket);
        return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        int now = open.incrementAndGet();
        maxOpen.accumulateAndGet(now, Math::max);
        connectedTickets.add(conn.getAttachment());
        current = conn;
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        if (conn.getAttachment() != null) {
            open.decrementAndGet();
        }
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        try {
            JsonNode frame = mapper.readTree(message);
            received.add(frame);
            answersById
                    .computeIfAbsent(frame.path("headers").path("messageId").asText(), k -> new AtomicInteger())
                    .incrementAndGet();
        } catch (IOException e) {
            throw new IllegalStateException("client sent a frame that is not JSON: " + message, e);
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {}

    @Override
    public void onStart() {
        started.countDown();
    }

    /** Pushes a frame on the live connection. */
    void push(String frame) {
        current.send(frame);
    }

    /** Drops the live connection without a close handshake, as a network failure would. */
    void dropSocket() {
        current.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped");
    }

    int answers(String messageId) {
        AtomicInteger n = answersById.get(messageId);
        return n == null ? 0 : n.get();
    }

    JsonNode answer(String messageId) {
        return received.stream()
                .filter(f -> f.path("headers").path("messageId").asText().equals(messageId))
                .findFirst()
                .orElseThrow();
    }
}
