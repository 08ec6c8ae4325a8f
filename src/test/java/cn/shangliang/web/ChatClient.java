package cn.shangliang.web;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.handshake.ServerHandshake;

/** A web chat client speaking the {@code /ws/chat} protocol, recording every frame it receives. */
final class ChatClient extends WebSocketClient {

    static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private volatile int closeCode = -1;

    private ChatClient(URI uri) {
        super(uri);
    }

    /** Connects as {@code uid}; {@code since} may be null. Returns once the WebSocket is open. */
    static ChatClient connect(int port, String uid, String since) {
        return connect(port, uid, since, null);
    }

    /** Connects as {@code uid} from {@code place} (镇/村, as a room's QR code link gives it); both may be null. */
    static ChatClient connect(int port, String uid, String since, String place) {
        return connect(port, uid, since, place, null);
    }

    /** Connects as {@code uid} showing the session {@code token} a first connection's hello gave (null: none). */
    static ChatClient connect(int port, String uid, String since, String place, String token) {
        String query = "uid=" + URLEncoder.encode(uid, StandardCharsets.UTF_8)
                + (token == null ? "" : "&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))
                + (since == null ? "" : "&since=" + URLEncoder.encode(since, StandardCharsets.UTF_8))
                + (place == null ? "" : "&place=" + URLEncoder.encode(place, StandardCharsets.UTF_8));
        ChatClient client = new ChatClient(URI.create("ws://127.0.0.1:" + port + "/ws/chat?" + query));
        try {
            // false also when the server closed the socket at once (e.g. a refused uid): the close code tells
            if (!client.connectBlocking(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                // the close of a refused socket may be reported a moment after connectBlocking gives up
                try {
                    await().atMost(Duration.ofSeconds(5)).until(() -> client.closeCode() != -1);
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new IllegalStateException("could not connect to port " + port, e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return client;
    }

    /** Connects and waits for the server's hello. */
    static ChatClient ready(int port, String uid, String since) {
        ChatClient client = connect(port, uid, since);
        client.awaitFrame(f -> f.path("type").asText().equals("hello"));
        return client;
    }

    /** Connects with a session token and waits for the server's hello. */
    static ChatClient ready(int port, String uid, String since, String token) {
        ChatClient client = connect(port, uid, since, null, token);
        client.awaitFrame(f -> f.path("type").asText().equals("hello"));
        return client;
    }

    /** The session token the server's hello gave. */
    String token() {
        return frames("hello").getFirst().path("token").asText();
    }

    void message(String id, String text) {
        send(MAPPER.createObjectNode()
                .put("type", "message")
                .put("id", id)
                .put("text", text)
                .toString());
    }

    /** A voice recording the page could not turn into words. */
    void voice(String id) {
        send(MAPPER.createObjectNode().put("type", "voice").put("id", id).toString());
    }

    /** Like {@link #message}, but a connection the server has just closed is not an error. */
    boolean tryMessage(String id, String text) {
        try {
            message(id, text);
            return true;
        } catch (WebsocketNotConnectedException e) {
            return false;
        }
    }

    void closeBlockingQuietly() {
        try {
            closeBlocking();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    JsonNode awaitFrame(Predicate<JsonNode> wanted) {
        return await().atMost(PATIENCE)
                .until(() -> frames.stream().filter(wanted).findFirst().orElse(null), f -> f != null);
    }

    JsonNode awaitAck(String id) {
        return awaitFrame(f ->
                f.path("type").asText().equals("ack") && f.path("id").asText().equals(id));
    }

    JsonNode awaitReplyTo(String id) {
        return awaitFrame(f -> f.path("type").asText().equals("reply")
                && f.path("in_reply_to").asText().equals(id));
    }

    List<JsonNode> frames(String type) {
        return frames.stream().filter(f -> f.path("type").asText().equals(type)).toList();
    }

    List<JsonNode> repliesTo(String id) {
        return frames("reply").stream()
                .filter(f -> f.path("in_reply_to").asText().equals(id))
                .toList();
    }

    /** The close code once closed, or -1 while open. */
    int closeCode() {
        return closeCode;
    }

    void awaitClosed() {
        await().atMost(PATIENCE).until(() -> closeCode != -1);
    }

    @Override
    public void onOpen(ServerHandshake handshake) {}

    @Override
    public void onMessage(String message) {
        try {
            frames.add(MAPPER.readTree(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("server sent a frame that is not JSON: " + message, e);
        }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closeCode = code;
    }

    @Override
    public void onError(Exception ex) {}
}
